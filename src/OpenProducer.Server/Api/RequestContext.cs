using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Api;

/// <summary>Per-request values the pipeline sets: the trace id every answer carries, and the caller.</summary>
public static class RequestContext
{
    private const string TraceKey = "producer.trace_id";
    private const string CallerKey = "producer.caller";

    public static string TraceId(this HttpContext http)
    {
        if (http.Items[TraceKey] is string t) return t;
        string id = Guid.NewGuid().ToString();
        http.Items[TraceKey] = id;
        return id;
    }

    public static Caller Caller(this HttpContext http) =>
        http.Items[CallerKey] as Caller ?? throw new InvalidOperationException("endpoint reached without authentication");

    public static void SetCaller(this HttpContext http, Caller caller) => http.Items[CallerKey] = caller;
}
