namespace OpenProducer.Server.Storage;

/// <summary>Another server already runs on the SQLite data folder; the message says what to do instead.</summary>
public sealed class DataFolderInUseException(string message, Exception inner) : Exception(message, inner);
