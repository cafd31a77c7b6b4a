using System.Diagnostics;
using System.Text;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;

namespace OpenProducer.Bench;

/// <summary>
/// The listening pack: the same ten prompts, one per genre, rendered by the current engine with the production
/// SoundFonts into one folder (m4a, MIDI, cover) with an index of what each song is and what played it, so people can
/// listen before and after a change.
/// </summary>
public static class ListeningPack
{
    public static readonly (string Name, string Prompt)[] Prompts =
    [
        ("pop", "an upbeat pop song about a summer road trip"),
        ("rock", "a driving rock song with electric guitars"),
        ("ballad", "a slow piano ballad about missing someone"),
        ("bossa-nova", "a gentle bossa nova with nylon guitar"),
        ("edm", "an energetic EDM festival anthem"),
        ("hip-hop", "a laid-back hip hop beat with a catchy hook"),
        ("folk", "an acoustic folk song with harmonica"),
        ("orchestral", "an epic orchestral piece for a film trailer"),
        ("zhongguofeng", "一首中国风的歌，古筝和笛子，关于月亮"),
        ("jazz", "a swinging jazz tune for a late night club"),
    ];

    /// <param name="only">One song of the pack (1 to 10) made alone, in a fresh process: its bytes should be the pack's.</param>
    public static async Task WriteAsync(string folder, int? only = null)
    {
        Directory.CreateDirectory(folder);
        var engine = new SongEngine(new EngineOptions());
        var index = new StringBuilder("# Listening pack\n\n| # | genre | prompt | length | tempo | key | made in | parts |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < Prompts.Length; i++)
        {
            if (only is { } one && i != one - 1) continue;
            var (name, prompt) = Prompts[i];
            string stem = Path.Combine(folder, $"{i + 1:00}-{name}");
            var request = new CompositionRequest { Prompt = prompt, Seed = (ulong)(7000 + i), WriteLyrics = true, Model = "FUZZ-2.0 Pro" };
            var sw = Stopwatch.StartNew();
            var song = await engine.CreateAsync(new SongRecipe(request, null), stem + ".m4a", stem + ".jpg", null, CancellationToken.None, name);
            double seconds = sw.Elapsed.TotalSeconds;
            await File.WriteAllBytesAsync(stem + ".mid", MidiFile.Write(song.Composition, name));
            if (song.Composition.WrittenLyric is { } lyric) await File.WriteAllTextAsync(stem + ".txt", lyric);
            string parts = string.Join("; ", song.Sources.Select(p => $"{p.Part}: {p.Name} ({p.SoundFont})"));
            index.Append($"| {i + 1} | {song.Composition.Style.Genre.Name} | {prompt} | {song.DurationSeconds:F0} s | {song.Composition.Score.Tempo} | {song.Composition.KeyName} | {seconds:F1} s | {parts} |\n");
            Console.WriteLine($"listening pack: {name} ({song.DurationSeconds:F0} s) in {seconds:F1} s");
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), index.ToString());
        Console.WriteLine($"listening pack written to {folder}");
    }
}
