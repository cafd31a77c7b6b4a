namespace OpenProducer.Server.Requests;

/// <summary>
/// A <c>/producer/…</c> endpoint that submits tasks: its path, the action it implies (null when the body names it), the
/// type of the tasks it records and the job its handler is given for a request. Other ways in (the MCP tools) submit
/// through the same route, so their tasks are the endpoint's own.
/// </summary>
public sealed record ProducerRoute(string Path, string? Action, string Type, Func<AudioRequest, string> Job);
