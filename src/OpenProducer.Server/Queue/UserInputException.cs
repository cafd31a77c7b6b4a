namespace OpenProducer.Server.Queue;

/// <summary>A task failed because of what the request asked for (an image URL that cannot be fetched); its message is safe to show the caller.</summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
