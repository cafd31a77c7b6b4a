using System.Globalization;
using OpenProducer.Engine;
using OpenProducer.Engine.Edit;

namespace OpenProducer.Server.Requests;

/// <summary>
/// How long a song may last and how deep a chain of edits may go. An edit makes its whole source chain again, so
/// without these a few requests could ask for hours of rendering; the length is the longest hosted model's.
/// </summary>
public static class SongLimits
{
    public const double MaxSeconds = 480;

    /// <summary>Edits of edits: each one renders every song before it again.</summary>
    public const int MaxEditDepth = 8;

    /// <summary>Why a song of this recipe may not be made (composed, not yet rendered), or null.</summary>
    public static string? TooLong(SongRecipe recipe)
    {
        var score = SongEngine.Compose(recipe).Score;
        double seconds = score.TimeOf(score.TotalBeats);
        return seconds <= MaxSeconds ? null
            : $"The song would last {Minutes(seconds)}; a song may last at most {Minutes(MaxSeconds)}.";
    }

    public static string Minutes(double seconds) =>
        seconds % 60 == 0 ? $"{seconds / 60:0} minutes" : $"{(seconds / 60).ToString("0.#", CultureInfo.InvariantCulture)} minutes";
}
