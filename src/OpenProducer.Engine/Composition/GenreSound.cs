using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>How a genre sounds beyond its notes: the kit its drummer plays, how it is mixed, and whether it is played by a machine.</summary>
public static class GenreSound
{
    private static readonly HashSet<string> Machines = ["electronic", "trap", "dubstep", "drum and bass", "soundtrack", "synthwave", "kpop"];

    /// <summary>Genres a sequencer plays (EDM, trap, chiptune): on the grid, even velocities, no drummer's push and pull.</summary>
    public static bool MachinePlayed(Genre genre) => Machines.Contains(genre.Name);

    internal static DrumKit Kit(Genre genre) => genre.Name switch
    {
        "rock" or "metal" or "punk" or "indie" or "blues" => DrumKit.Rock,
        "jazz" or "lofi" => DrumKit.Jazz,
        "bossa nova" => DrumKit.Brush,
        "electronic" or "synthwave" or "drum and bass" or "kpop" or "soundtrack" => DrumKit.Electronic,
        "trap" or "dubstep" => DrumKit.Tr808,
        "hip hop" => DrumKit.Standard,
        "classical" => DrumKit.Orchestra,
        "ambient" or "new age" or "lullaby" => DrumKit.Room,
        _ => DrumKit.Acoustic,
    };

    internal static MixStyle Mix(Genre genre) => new(
        Room: genre.Room,
        Sidechain: genre.Name switch
        {
            "electronic" or "dubstep" => 0.5,
            "trap" or "drum and bass" => 0.3,
            "synthwave" => 0.25,
            "kpop" => 0.2,
            "disco" => 0.15,
            _ => 0,
        },
        Punch: genre.Name switch
        {
            "rock" or "metal" or "punk" or "hip hop" or "trap" or "funk" or "electronic" or "drum and bass" or "dubstep" or "indie" => 0.8,
            "jazz" or "bossa nova" or "ballad" or "folk" or "classical" or "ambient" or "new age" or "lullaby" or "chinese traditional" => 0.2,
            _ => 0.5,
        },
        Delay: genre.Name switch
        {
            "reggae" => 0.45,
            "ambient" or "new age" or "synthwave" => 0.35,
            "ballad" or "cantopop" or "lullaby" => 0.3,
            "pop" or "kpop" or "electronic" or "christmas" => 0.2,
            "jazz" or "bossa nova" or "classical" or "metal" or "punk" => 0.05,
            _ => 0.15,
        },
        Width: genre.Name switch
        {
            "ambient" or "new age" or "synthwave" or "electronic" => 1.2,
            "jazz" or "blues" or "bossa nova" => 0.9,
            _ => 1.0,
        });
}
