namespace OpenProducer.Client.Tasks;

/// <summary>Which of the caller's tasks to list.</summary>
public sealed record TaskListOptions
{
    /// <summary>How many, 1–100 (20).</summary>
    public int? Limit { get; init; }

    /// <summary>Only tasks in this state: <c>pending</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    public string? State { get; init; }

    /// <summary>Only tasks of this type (<c>audios</c>, <c>lyrics</c>, <c>upload</c>…).</summary>
    public string? Type { get; init; }

    /// <summary>The previous page's <see cref="TaskPage.Next"/>.</summary>
    public string? Before { get; init; }
}
