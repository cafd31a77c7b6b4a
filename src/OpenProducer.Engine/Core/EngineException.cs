namespace OpenProducer.Engine.Core;

/// <summary>A failure inside the engine whose message is safe to log (never shown to API users as-is).</summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);
