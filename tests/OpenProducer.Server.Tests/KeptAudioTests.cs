using OpenProducer.Engine;
using OpenProducer.Engine.Core;
using OpenProducer.Server.SongFiles;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Songs' audio kept once made, through the HTTP pipeline on a real engine: edits, WAVs and stems take the kept
/// audio (not a render of today's engine), stems are made ahead while the workers are idle, and a damaged or
/// missing kept file only means rendering again.
/// </summary>
public class KeptAudioTests(ITestOutputHelper output)
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    private static async Task<string> MakeAsync(ProducerServer server)
    {
        var (status, body) = await server.PostJsonAsync("/producer/audios",
            new { action = "generate", custom = true, lyric = Lyric, prompt = "upbeat pop with piano", seed = 5, vocal_gender = "m" });
        Assert.True(status == 200, body.GetRawText());
        return body.GetProperty("data")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task An_extension_keeps_the_kept_masters_samples_exactly_even_when_the_engine_would_render_others()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        string id = await MakeAsync(server);
        await KeptSongs.SettledAsync(server);
        var store = KeptSongs.Store(server);
        var (recipe, _) = KeptSongs.Of(server, id);
        var kept = store.Find(recipe, stems: false, CancellationToken.None);
        Assert.NotNull(kept);
        // What an engine that renders differently would face: the kept master is not what this engine renders (1 dB down).
        Directory.Delete(store.FolderOf(recipe), recursive: true);
        var changed = new AudioBuffer(kept.Master.Frames, kept.Master.SampleRate);
        for (int i = 0; i < changed.Frames; i++) { changed.Left[i] = kept.Master.Left[i] * 0.891f; changed.Right[i] = kept.Master.Right[i] * 0.891f; }
        store.Keep(recipe, new SongAudio(changed, null));
        await store.WhenWrittenAsync(CancellationToken.None);

        var wav = await EditActionTests.WavOf(server, id);
        Assert.Equal(0, KeptSongs.Differing(KeptSongs.Sixteen(changed), wav));
        Assert.True(KeptSongs.Differing(KeptSongs.Sixteen(kept.Master), wav) > wav.Length / 2, "the WAV is the kept audio, not a render");

        const double at = 12;
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "extend", audio_id = id, continue_at = at, seed = 21,
            lyric = "[Verse]\nDancing through the city streets\nA rhythm pounding in my heartbeat" });
        Assert.True(status == 200, body.GetRawText());
        var extended = await EditActionTests.WavOf(server, body.GetProperty("data")[0].GetProperty("id").GetString()!);
        Assert.Equal(0, Joins.Differing(wav, extended, 0, at));
        Joins.AssertSeamless(extended, at, "extension of the kept master", wav);
    }

    [Fact]
    public async Task Stems_made_ahead_and_stems_from_kept_stems_are_the_rendered_stems_to_the_sample()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        string id = await MakeAsync(server);
        await KeptSongs.SettledAsync(server);
        var (recipe, key) = KeptSongs.Of(server, id);
        string folder = Path.Combine(server.Options.FilesDir, key);
        Assert.True(File.Exists(Path.Combine(folder, SongFilesHandler.StemsZip(id, all: true))), "all stems were made ahead");
        Assert.True(File.Exists(Path.Combine(folder, SongFilesHandler.StemsZip(id, all: false))), "vocals and instrumental were made ahead");
        var rendered = new SongEngine(TestSoundFonts.Options).Produce(recipe, stems: true, CancellationToken.None).Stems!;

        var (ahead, aheadSeconds) = await KeptSongs.AllStemsAsync(server, id);
        File.Delete(Path.Combine(folder, SongFilesHandler.StemsZip(id, all: true)));
        var (fromKept, keptSeconds) = await KeptSongs.AllStemsAsync(server, id);
        output.WriteLine($"all_stems: {aheadSeconds:F2} s made ahead, {keptSeconds:F2} s from the kept stems");

        Assert.Equal(rendered.Keys.Select(k => k + ".wav").Order(), ahead.Keys.Order());
        foreach (var (group, stem) in rendered)
        {
            Assert.Equal(0, KeptSongs.Differing(KeptSongs.Sixteen(stem), ahead[group + ".wav"]));
            Assert.Equal(0, KeptSongs.Differing(KeptSongs.Sixteen(stem), fromKept[group + ".wav"]));
        }
    }

    [Fact]
    public async Task A_damaged_or_missing_kept_master_is_rendered_again_and_the_wav_is_the_same()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        string id = await MakeAsync(server);
        await KeptSongs.SettledAsync(server);
        var store = KeptSongs.Store(server);
        var (recipe, key) = KeptSongs.Of(server, id);
        var expected = KeptSongs.Sixteen(new SongEngine(TestSoundFonts.Options).Produce(recipe, stems: false, CancellationToken.None).Master);
        string master = Path.Combine(store.FolderOf(recipe), "master.f32"), wavFile = Path.Combine(server.Options.FilesDir, key, id + ".wav");

        // Damaged: bytes in the middle of the file overwritten.
        await using (var f = File.OpenWrite(master))
        {
            f.Seek(f.Length / 2, SeekOrigin.Begin);
            f.Write(new byte[4096]);
        }
        Assert.Equal(0, KeptSongs.Differing(expected, await EditActionTests.WavOf(server, id)));
        await store.WhenWrittenAsync(CancellationToken.None);
        Assert.NotNull(store.Find(recipe, stems: false, CancellationToken.None));

        // Missing: the master's file gone (its manifest left).
        File.Delete(master);
        File.Delete(wavFile);
        Assert.Equal(0, KeptSongs.Differing(expected, await EditActionTests.WavOf(server, id)));
    }

    [Fact]
    public async Task A_master_kept_as_WavPack_by_an_earlier_version_is_still_read_sample_for_sample()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        string id = await MakeAsync(server);
        await KeptSongs.SettledAsync(server);
        var store = KeptSongs.Store(server);
        var (recipe, _) = KeptSongs.Of(server, id);
        var kept = store.Find(recipe, stems: false, CancellationToken.None)!.Master;
        // The folder as an earlier version left it: the master as WavPack in float mode, no raw file.
        string folder = store.FolderOf(recipe), raw = Path.Combine(folder, "interleaved.f32");
        var bytes = new byte[kept.Frames * 8];
        for (int i = 0; i < kept.Frames; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), kept.Left[i]);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8 + 4), kept.Right[i]);
        }
        await File.WriteAllBytesAsync(raw, bytes);
        await OpenProducer.Engine.Encode.Ffmpeg.RunAsync($"-hide_banner -loglevel error -y -f f32le -ar {kept.SampleRate} -ac 2 -i \"{raw}\" " +
            $"-c:a wavpack -f wv \"{Path.Combine(folder, "master.wv")}\"", CancellationToken.None);
        File.Delete(raw);
        File.Delete(Path.Combine(folder, "master.f32"));

        var read = store.Find(recipe, stems: false, CancellationToken.None);
        Assert.NotNull(read);
        Assert.True(kept.Left.AsSpan().SequenceEqual(read.Master.Left) && kept.Right.AsSpan().SequenceEqual(read.Master.Right));
    }
}
