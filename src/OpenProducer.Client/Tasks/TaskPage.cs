using OpenProducer.Client.Core;

namespace OpenProducer.Client.Tasks;

/// <summary>A page of tasks, newest first.</summary>
/// <param name="Items">The tasks.</param>
/// <param name="Next">Pass as <see cref="TaskListOptions.Before"/> for the next page; null on the last.</param>
public sealed record TaskPage(IReadOnlyList<ProducerTask> Items, string? Next);
