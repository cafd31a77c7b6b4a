namespace OpenProducer.Client.Core;

/// <summary>A finished task's answer: what it made, and the ids to find it again by.</summary>
/// <typeparam name="T">What the task made (songs, a file, a lyric sheet…).</typeparam>
/// <param name="Value">The answer's <c>data</c>.</param>
/// <param name="TaskId">The task's id (<c>/producer/tasks</c> finds it).</param>
/// <param name="TraceId">The request's trace id.</param>
public sealed record ProducerResult<T>(T Value, string TaskId, string? TraceId);
