namespace OpenProducer.Client.Core;

/// <summary>
/// An error the server answered with: the HTTP status, the Producer error body's <c>code</c> and <c>message</c>, and
/// the request's <c>trace_id</c> (quote it to the server's operator). A task that failed after it was accepted is
/// reported the same way, with the status its synchronous answer would have had.
/// </summary>
public sealed class ProducerException : Exception
{
    /// <summary>An error as the server reported it.</summary>
    public ProducerException(int status, ProducerErrorCode code, string message, string? traceId, TimeSpan? retryAfter = null)
        : base(message)
    {
        Status = status;
        Code = code;
        TraceId = traceId;
        RetryAfter = retryAfter;
    }

    /// <summary>An error with no answer to describe it.</summary>
    public ProducerException()
        : this(0, ProducerErrorCode.Unknown, "The server answered with an error.", null)
    {
    }

    /// <summary>An error with a message and no answer to describe it.</summary>
    public ProducerException(string message)
        : this(0, ProducerErrorCode.Unknown, message, null)
    {
    }

    /// <summary>An error caused by another.</summary>
    public ProducerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ProducerErrorCode.Unknown;
    }

    /// <summary>The HTTP status code (400, 401, 403, 404, 429, 500…).</summary>
    public int Status { get; }

    /// <summary>The spec's error code (<c>bad_request</c>, <c>used_up</c>…).</summary>
    public ProducerErrorCode Code { get; }

    /// <summary>The request's trace id, when the answer had one.</summary>
    public string? TraceId { get; }

    /// <summary>For <c>too_many_requests</c>: how long the server asked the caller to wait (its <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}
