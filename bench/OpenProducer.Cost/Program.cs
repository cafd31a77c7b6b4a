using System.Diagnostics;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;

// What a 3-minute sung song costs the engine, stage by stage, through its public pipeline only (so bench/before-after
// can build this same program against an older engine and compare). The stages are read from the progress the
// pipeline reports: composed (15), band rendered, mixed and sung (55), mastered and encoded (90), cover done (100).
// The first song of a process also loads the SoundFonts; it is reported apart from the warm songs' medians.
// Usage: dotnet run -c Release --project bench/OpenProducer.Cost -- [warm songs] [label]
int runs = args.Length > 0 ? int.Parse(args[0]) : 4;
string label = args.Length > 1 ? args[1] : "engine";
string dir = Path.Combine(Path.GetTempPath(), $"producer-cost-{Environment.ProcessId}");
Directory.CreateDirectory(dir);
string sheet = BenchSheet.Repeated(4);
var engine = new SongEngine(new EngineOptions());
var stages = new Dictionary<string, List<double>>();
double length = 0, cold = 0;
try
{
    for (int r = 0; r <= runs; r++)
    {
        var request = new CompositionRequest { Prompt = "pop ballad with piano and strings", Seed = (ulong)(6000 + r), Lyric = sheet, Model = "FUZZ-2.0 Pro" };
        var marks = new StageClock();
        var song = await engine.CreateAsync(request, Path.Combine(dir, "song.m4a"), Path.Combine(dir, "song.jpg"), marks, CancellationToken.None);
        double total = marks.Elapsed;
        length = song.DurationSeconds;
        if (r == 0) { cold = total; continue; }
        void Add(string name, double s) => (stages.TryGetValue(name, out var l) ? l : stages[name] = []).Add(s);
        Add("compose", marks.At(15));
        Add("render, mix and voice", marks.At(55) - marks.At(15));
        Add("master and encode", marks.At(90) - marks.At(55));
        Add("whole pipeline", total);
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}
static double Median(List<double> v)
{
    var s = v.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}
Console.WriteLine($"{label}: a {length:F0} s sung song (32 lines, FUZZ-2.0 Pro), median of {runs} warm songs: " +
    string.Join(" | ", stages.Select(s => $"{s.Key} {Median(s.Value):F2} s")) +
    $" | first song of the process (loads the SoundFonts) {cold:F2} s | peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
