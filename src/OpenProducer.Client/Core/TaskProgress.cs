namespace OpenProducer.Client.Core;

/// <summary>Where a task stands, as one poll of <c>/producer/tasks</c> shows it.</summary>
/// <param name="State"><c>pending</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Percent">The task's <c>progress</c> (0–100), when its record has one.</param>
/// <param name="Elapsed">Time since the task was accepted, as the server counts it.</param>
public sealed record TaskProgress(string State, int? Percent, TimeSpan Elapsed)
{
    /// <summary>Whether the task has finished, either way.</summary>
    public bool IsFinished => State is "succeeded" or "failed";
}
