using System.Diagnostics;
using System.Globalization;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Flite (Debian <c>flite</c>): speaks a line with one of its built-in voices and reports its phone timings
/// (<c>-psdur</c>), from which the syllables are found: each vowel is a nucleus, a lone consonant between vowels
/// opens the next syllable, a cluster gives its first consonant to the syllable before.
/// </summary>
public static class Flite
{
    public static string Executable { get; set; } = "flite";

    private static readonly HashSet<string> Vowels = ["aa", "ae", "ah", "ao", "aw", "ax", "axr", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"];

    public static (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Speak(string voice, string text, string wav)
    {
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-voice", voice, "-psdur", "-t", text, "-o", wav }) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new EngineException("flite not found: install the Debian package flite", e); }
        string stdout;
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(true); throw new EngineException("flite timed out"); }
            if (p.ExitCode != 0) throw new EngineException($"flite failed (exit {p.ExitCode}): {err.Result.Trim()}");
        }
        var (x, rate) = FestivalSinger.ReadWav(wav);
        return (x, rate, Syllabify(stdout));
    }

    /// <summary>Syllables from "phone:end" pairs.</summary>
    internal static List<SpokenSyllable> Syllabify(string psdur)
    {
        var phones = new List<(string Phone, double Start, double End)>();
        double t = 0;
        foreach (var token in psdur.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = token.LastIndexOf(':');
            if (colon <= 0 || !double.TryParse(token[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double end)) continue;
            phones.Add((token[..colon], t, end));
            t = end;
        }
        var nuclei = Enumerable.Range(0, phones.Count).Where(i => Vowels.Contains(phones[i].Phone)).ToList();
        var result = new List<SpokenSyllable>();
        for (int n = 0; n < nuclei.Count; n++)
        {
            int v = nuclei[n], prevV = n > 0 ? nuclei[n - 1] : -1, nextV = n + 1 < nuclei.Count ? nuclei[n + 1] : phones.Count;
            int from = v;
            while (from - 1 > prevV && phones[from - 1].Phone != "pau") from--;
            // Between two nuclei with no pause, a cluster's first consonant closes the syllable before.
            if (n > 0 && from == prevV + 1 && v - prevV - 1 >= 2) from = prevV + 2;
            int to = v;
            while (to + 1 < nextV && phones[to + 1].Phone != "pau") to++;
            bool pauseAfter = to + 1 < nextV;
            if (n + 1 < nuclei.Count && !pauseAfter) to = nextV - v - 1 >= 2 ? v + 1 : v;
            result.Add(new SpokenSyllable(phones[from].Start, phones[v].Start, phones[v].End, phones[to].End));
        }
        return result;
    }
}
