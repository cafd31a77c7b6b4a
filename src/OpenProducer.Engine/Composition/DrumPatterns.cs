namespace OpenProducer.Engine.Composition;

/// <summary>One bar of a groove on a sixteenth grid (twelve steps in 3/4): General MIDI drum key → hit steps.</summary>
internal sealed record DrumPattern(int Steps, (int Key, string Hits)[] Lines);

internal static class DrumPatterns
{
    public const int ConcertBassDrum = 35, Kick = 36, Snare = 38, SideStick = 37, Clap = 39, ClosedHat = 42, PedalHat = 44, OpenHat = 46,
        Crash = 49, Ride = 51, LowTom = 45, MidTom = 47, HighTom = 50, Shaker = 70, Tambourine = 54;

    // 'x' is a full hit, 'o' a ghost (soft) hit.
    private static readonly Dictionary<string, DrumPattern> Patterns = new()
    {
        ["pop"] = new(16, [(Kick, "x.......x.x....."), (Snare, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["rock"] = new(16, [(Kick, "x.....x.x......."), (Snare, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["metal"] = new(16, [(Kick, "x.o.x.o.x.o.x.o."), (Snare, "....x.......x..."), (Ride, "x...x...x...x...")]),
        ["jazz"] = new(16, [(Ride, "x...x.x.x...x.x."), (PedalHat, "....x.......x..."), (Kick, "o.......o.......")]),
        ["shuffle"] = new(16, [(Kick, "x.......x......."), (Snare, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["bossa"] = new(16, [(Kick, "x..xx..xx..xx..x"), (SideStick, "x..x..x...x..x.."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["four"] = new(16, [(Kick, "x...x...x...x..."), (Clap, "....x.......x..."), (OpenHat, "..x...x...x...x."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["hiphop"] = new(16, [(Kick, "x......x.x......"), (Snare, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["trap"] = new(16, [(Kick, "x......x..x....."), (Clap, "........x......."), (ClosedHat, "xoooxoooxoooxooo")]),
        ["lofi"] = new(16, [(Kick, "x.......xx......"), (Snare, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["rnb"] = new(16, [(Kick, "x......x..x....."), (SideStick, "....x.......x..."), (ClosedHat, "x.x.x.x.x.x.x.x.")]),
        ["funk"] = new(16, [(Kick, "x.....x...x..x.."), (Snare, "....x..o.o..x..o"), (ClosedHat, "xxxxxxxxxxxxxxxx")]),
        ["disco"] = new(16, [(Kick, "x...x...x...x..."), (Snare, "....x.......x..."), (OpenHat, "..x...x...x...x."), (ClosedHat, "x...x...x...x...")]),
        ["reggae"] = new(16, [(Kick, "........x......."), (SideStick, "........x......."), (ClosedHat, "..x...x...x...x.")]),
        ["country"] = new(16, [(Kick, "x.......x......."), (Snare, "oxoxoxoxoxoxoxox"), (ClosedHat, "x...x...x...x...")]),
        ["folk"] = new(16, [(Kick, "x.......x......."), (SideStick, "....x.......x..."), (Shaker, "x.x.x.x.x.x.x.x.")]),
        ["ballad"] = new(16, [(Kick, "x.......x......."), (SideStick, "....x.......x..."), (ClosedHat, "x...x...x...x...")]),
        ["soft"] = new(16, [(Kick, "x.......x......."), (Tambourine, "....x.......x..."), (Shaker, "x.x.x.x.x.x.x.x.")]),
        ["dnb"] = new(16, [(Kick, "x.........x....."), (Snare, "....x.......x..."), (ClosedHat, "x.o.x.o.x.o.x.o.")]),
        ["tango"] = new(16, [(Kick, "x...x...x...x..."), (SideStick, "....x.......x.x."), (Tambourine, "x...x...x...x...")]),
        // Drummerless genres: a soft low drum on one and three, the pulse a heartbeat or a concert bass drum gives.
        ["pulse"] = new(16, [(Kick, "x.......x......."), (PedalHat, "....x.......x...")]),
        ["orchestral"] = new(16, [(ConcertBassDrum, "x.......x.......")]),
        ["waltz"] = new(12, [(Kick, "x..........."), (SideStick, "....x...x..."), (ClosedHat, "x...x...x...")]),
    };

    public static DrumPattern For(string style, int beatsPerBar)
    {
        if (beatsPerBar == 3) return Patterns["waltz"];
        return Patterns.TryGetValue(style, out var p) ? p : Patterns["pop"];
    }
}
