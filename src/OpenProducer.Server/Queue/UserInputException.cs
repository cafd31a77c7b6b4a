namespace OpenProducer.Server.Queue;

/// <summary>
/// A task failed because of what the request asked for (an image URL that cannot be fetched); its message is safe to
/// show the caller. With <paramref name="badRequest"/> the answer is the spec's <c>bad_request</c> (a file that is not
/// audio), else <c>api_error</c>.
/// </summary>
public sealed class UserInputException(string message, Exception? inner = null, bool badRequest = false) : Exception(message, inner)
{
    /// <summary>Whether the task's answer is <c>bad_request</c> rather than <c>api_error</c>.</summary>
    public bool BadRequest { get; } = badRequest;

    /// <summary>The answer for a failed task: what was wrong with its input, or our own failure, in <paramref name="message"/>.</summary>
    public static Api.ProducerError Answer(Exception e, string message) =>
        e is UserInputException { BadRequest: true } ? Api.ProducerError.BadRequest(message) : Api.ProducerError.ApiError(message);
}
