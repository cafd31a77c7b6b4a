namespace OpenProducer.Engine.Composition;

/// <summary>
/// A drummer's vocabulary for one style, on a sixteenth grid (twelve steps in 3/4): the kick of the groove's two
/// bars (A, and B that answers it), the backbeat and its ghost notes, and the time-keeping cymbal of the verses and
/// of the choruses (a drummer moves from the hi-hat to the ride, or opens the hat, when the song lifts). 'x' is a
/// hit, 'o' a ghost. <see cref="SoftBackbeat"/> is the verse's quieter backbeat voice (a side stick for a clap or
/// snare) where the style asks for one.
/// </summary>
internal sealed record Groove(
    string KickA, string KickB, string Backbeat, string Ghosts,
    int VerseCymbal, string VerseHits, int ChorusCymbal, string ChorusHits,
    int BackbeatKey = Drums.Snare, int SoftBackbeat = -1, bool OpenHatInB = true, bool Fills = true)
{
    public int Steps => KickA.Length;
}

/// <summary>General MIDI drum keys.</summary>
internal static class Drums
{
    public const int ConcertBassDrum = 35, Kick = 36, SideStick = 37, Snare = 38, Clap = 39, LowFloorTom = 41, ClosedHat = 42,
        HighFloorTom = 43, PedalHat = 44, LowTom = 45, OpenHat = 46, LowMidTom = 47, HighMidTom = 48, Crash = 49, HighTom = 50,
        Ride = 51, Tambourine = 54, Crash2 = 57, Shaker = 70;

    /// <summary>The cymbals (hi-hats, crashes, rides): what keeps time over the groove.</summary>
    public static bool IsCymbal(int key) => key is ClosedHat or PedalHat or OpenHat or Crash or Ride or Crash2 or 52 or 53 or 55 or 59;

    public static bool IsTom(int key) => key is LowFloorTom or HighFloorTom or LowTom or LowMidTom or HighMidTom or HighTom;
}

internal static class Grooves
{
    private const string Eighths = "x.x.x.x.x.x.x.x.", Quarters = "x...x...x...x...", TwoFour = "....x.......x...";

    private static readonly Dictionary<string, Groove> Table = new()
    {
        ["pop"] = new("x.......x.......", "x.......x.x.....", TwoFour, "", Drums.ClosedHat, Eighths, Drums.Ride, Eighths),
        ["rock"] = new("x.......x.......", "x.....x.x.......", TwoFour, "", Drums.ClosedHat, Eighths, Drums.Ride, Eighths),
        ["metal"] = new("x.o.x.o.x.o.x.o.", "x.x.x.o.x.x.x.o.", TwoFour, "", Drums.ClosedHat, Quarters, Drums.Ride, Quarters, OpenHatInB: false),
        ["jazz"] = new("o...o...o...o...", "o...o...o.....o.", "....o.......o...", "......o....o..o.", Drums.ClosedHat, "x...x.x.x...x.x.", Drums.Ride, "x...x.x.x...x.x.",
            BackbeatKey: Drums.PedalHat, OpenHatInB: false),
        ["shuffle"] = new("x.......x.......", "x.......x.....x.", TwoFour, "", Drums.ClosedHat, Eighths, Drums.Ride, Eighths),
        ["bossa"] = new("x..xx..xx..xx..x", "x..xx..x...xx..x", "x..x..x...x..x..", "", Drums.ClosedHat, Eighths, Drums.Ride, Eighths,
            BackbeatKey: Drums.SideStick, OpenHatInB: false),
        ["four"] = new("x...x...x...x...", "x...x...x...x..x", TwoFour, "", Drums.ClosedHat, "..x...x...x...x.", Drums.OpenHat, "..x...x...x...x.", BackbeatKey: Drums.Clap),
        ["hiphop"] = new("x......x.x......", "x.x....x.x......", TwoFour, "......o........o", Drums.ClosedHat, Eighths, Drums.ClosedHat, "xoxoxoxoxoxoxoxo"),
        ["trap"] = new("x......x..x.....", "x......x..x...x.", "........x.......", "", Drums.ClosedHat, "xoooxoooxoooxooo", Drums.ClosedHat, "xoxoxoxoxoxoxxxx",
            BackbeatKey: Drums.Clap),
        ["lofi"] = new("x.......xx......", "x......x.x......", TwoFour, "......o.......o.", Drums.ClosedHat, Eighths, Drums.Ride, Eighths),
        ["rnb"] = new("x......x..x.....", "x..x...x..x.....", TwoFour, ".......o......o.", Drums.ClosedHat, Eighths, Drums.ClosedHat, "xoxoxoxoxoxoxoxo",
            SoftBackbeat: Drums.SideStick),
        ["funk"] = new("x.....x...x..x..", "x.x...x...x..x..", TwoFour, "..o....o.o....o.", Drums.ClosedHat, "xoxoxoxoxoxoxoxo", Drums.OpenHat, "..x...x...x...x."),
        ["disco"] = new("x...x...x...x...", "x...x...x...x.x.", TwoFour, "", Drums.ClosedHat, Eighths, Drums.OpenHat, "..x...x...x...x."),
        ["reggae"] = new("........x.......", "........x.....x.", "........x.......", "", Drums.ClosedHat, "..x...x...x...x.", Drums.ClosedHat, Eighths,
            BackbeatKey: Drums.SideStick),
        ["country"] = new("x.......x.......", "x.......x.....x.", TwoFour, "o.o.o.o.o.o.o.o.", Drums.ClosedHat, Quarters, Drums.Ride, Eighths),
        ["folk"] = new("x.......x.......", "x.......x.x.....", TwoFour, "", Drums.Shaker, Eighths, Drums.ClosedHat, Eighths, SoftBackbeat: Drums.SideStick),
        ["ballad"] = new("x.......x.......", "x.......x.x.....", TwoFour, "", Drums.ClosedHat, Quarters, Drums.Ride, Eighths, SoftBackbeat: Drums.SideStick),
        ["soft"] = new("x.......x.......", "x.......x.x.....", TwoFour, "", Drums.Shaker, Eighths, Drums.ClosedHat, Quarters, BackbeatKey: Drums.Tambourine),
        ["dnb"] = new("x.........x.....", "x.........x...x.", TwoFour, "", Drums.ClosedHat, "x.o.x.o.x.o.x.o.", Drums.Ride, Eighths),
        ["tango"] = new("x...x...x...x...", "x...x...x...x.x.", "....x.......x.x.", "", Drums.Tambourine, Quarters, Drums.ClosedHat, Quarters, BackbeatKey: Drums.SideStick),
        // Drummerless genres: a soft low drum on one and three, the pulse a heartbeat or a concert bass drum gives.
        ["pulse"] = new("x.......x.......", "x.......x.....o.", "", "", Drums.PedalHat, TwoFour, Drums.ClosedHat, TwoFour, OpenHatInB: false, Fills: false),
        ["orchestral"] = new("x.......x.......", "x.......x...o...", "", "", -1, "", Drums.Ride, "o...o...o...o...", OpenHatInB: false, Fills: false),
        ["waltz"] = new("x...........", "x.......x...", "....x...x...", "", Drums.ClosedHat, "x...x...x...", Drums.Ride, "x...x...x...", BackbeatKey: Drums.SideStick, OpenHatInB: false),
    };

    public static Groove For(string style, int beatsPerBar)
    {
        if (beatsPerBar == 3) return Table["waltz"];
        return Table.TryGetValue(style, out var g) ? g : Table["pop"];
    }

    /// <summary>Fast styles whose drummer plays fills in eighths rather than sixteenths.</summary>
    public static bool FastFills(double tempo) => tempo >= 150;
}
