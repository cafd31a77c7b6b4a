namespace OpenProducer.Engine.Style;

/// <summary>
/// A genre's defaults: what the prompt pulls toward when it names the genre. <c>Room</c> is the reverb's room
/// size (0 dry and close … 1 a hall).
/// </summary>
public sealed record Genre(
    string Name,
    string[] Keywords,
    int TempoMin,
    int TempoMax,
    double MinorBias,
    string Drums,
    int Lead,
    int Chords,
    int Pad,
    int Bass,
    int[][] Progressions,
    double Swing = 0,
    bool Sevenths = false,
    int BeatsPerBar = 4,
    double Energy = 0.6,
    double Room = 0.6)
{
    /// <summary>
    /// A genre without a drummer: no kit, or only a soft pulse (a low drum on the strong beats) under parts that
    /// carry the time themselves (arpeggios, a bass on one and three).
    /// </summary>
    public bool Sparse => Drums is "none" or "pulse" or "orchestral";
}
