using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// A delivered file that peaks over the ceiling at one spot is mended at that spot: a short dip in the master there and
/// only the AAC frames around it encoded again, not the whole song limited harder and encoded again.
/// </summary>
public class DipsTests
{
    private const int Rate = 44100;

    /// <summary>
    /// A quiet chord for 70 s with one very loud kick (and a square click on it) at 40 s: the limiter takes the kick
    /// down to its ceiling by many dB in a few milliseconds, and the encoder's noise on what is left pushes the decoded
    /// kick over the ceiling.
    /// </summary>
    private static AudioBuffer OneLoudKick()
    {
        var mix = new AudioBuffer(70 * Rate, Rate);
        var rng = new Rng(3);
        double[] chord = [196, 246.9, 293.7, 392];
        for (int i = 0; i < mix.Frames; i++)
        {
            double t = i / (double)Rate, v = 0.01 * (rng.NextDouble() - 0.5), d = t - 40;
            foreach (double f in chord) v += 0.05 * Math.Sin(2 * Math.PI * f * t);
            if (d is >= 0 and < 0.2)
                v += 12 * Math.Exp(-d * 40) * Math.Sin(2 * Math.PI * (60 + 200 * Math.Exp(-d * 50)) * t) + 6 * Math.Exp(-d * 60) * Math.Sign(Math.Sin(2 * Math.PI * 3000 * t));
            mix.Left[i] = (float)v;
            mix.Right[i] = (float)(0.9 * v);
        }
        return mix;
    }

    [Fact]
    public async Task A_single_spot_over_the_ceiling_is_dipped_there_and_the_file_decodes_to_what_was_measured()
    {
        var mix = OneLoudKick();
        var original = Mastering.Copy(mix);
        string dir = Directory.CreateTempSubdirectory("dips-").FullName;
        try
        {
            string path = Path.Combine(dir, "song.m4a");
            var (report, mastered) = await SongEngine.MasterAndEncodeAsync(mix, path, null, CancellationToken.None);
            // The spot was mended where it is; the song kept its ceiling and its level.
            Assert.NotNull(report.Dips);
            Assert.NotEmpty(report.Dips);
            Assert.All(report.Dips, d => Assert.InRange(d.From / (double)Rate, 39.8, 40.3));
            Assert.All(report.Dips, d => Assert.InRange(d.Db, -3, -0.05));
            Assert.Equal(Mastering.DefaultCeilingDb, report.CeilingDb);
            Assert.Equal(0, report.TrimDb);
            Assert.InRange(report.TruePeakDb, -3, Mastering.TruePeakCeilingDb - 0.1);
            Assert.InRange(report.IntegratedLufs, Mastering.TargetLufs - 0.2, Mastering.TargetLufs + 0.2);

            // The file, decoded on its own, is what was measured: the patched frames decode as the report says.
            var file = await Ffmpeg.DecodeAsync(path, Rate, mastered.Frames, CancellationToken.None);
            Assert.Equal(mastered.Frames, file.Frames);
            Assert.Equal(report.TruePeakDb, Loudness.TruePeakDb(file));

            // As close to the master as one encode of the whole master, and no worse around the mended spot.
            var whole = await Ffmpeg.EncodeM4aAndDecodeAsync(mastered, Path.Combine(dir, "whole.m4a"), CancellationToken.None);
            double Snr(AudioBuffer d, int from, int to)
            {
                double err = 0, sig = 0;
                for (int i = from; i < to; i++) { err += Math.Pow(d.Left[i] - mastered.Left[i], 2); sig += Math.Pow(mastered.Left[i], 2); }
                return 10 * Math.Log10(sig / err);
            }
            Assert.True(Snr(file, Rate, mastered.Frames - Rate) > Snr(whole, Rate, mastered.Frames - Rate) - 0.5);
            double spot = Snr(file, 38 * Rate, 42 * Rate), spotWhole = Snr(whole, 38 * Rate, 42 * Rate);
            Assert.True(spot > spotWhole - 2, $"around the spot {spot:F1} dB, one encode {spotWhole:F1} dB");

            // Made again from its report, as the song's record stores it, the master is the one delivered, to the bit.
            var stored = System.Text.Json.JsonSerializer.Deserialize<MasterReport>(System.Text.Json.JsonSerializer.Serialize(report))!;
            Assert.Equal(report.Dips, stored.Dips!);
            Mastering.ApplyInPlace(original, stored);
            Assert.Equal(mastered.Left, original.Left);
            Assert.Equal(mastered.Right, original.Right);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Frames_encoded_again_at_the_ends_and_inside_join_the_rest_and_nothing_else_changes()
    {
        var audio = new AudioBuffer((SplitM4a.MinSeconds + 4) * Rate + 321, Rate);
        var rng = new Rng(17);
        for (int i = 0; i < audio.Frames; i++)
        {
            double t = i / (double)Rate, v = 0.03 * (rng.NextDouble() - 0.5) + 0.2 * Math.Sin(2 * Math.PI * 220 * t) + 0.1 * Math.Sin(2 * Math.PI * 331 * t);
            if (i % (int)(0.41 * Rate) < 50) v += 0.4;
            audio.Left[i] = (float)v;
            audio.Right[i] = (float)(0.8 * v);
        }
        string dir = Directory.CreateTempSubdirectory("patch-").FullName;
        try
        {
            string path = Path.Combine(dir, "song.m4a");
            var frames = new List<byte[]>();
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, path, CancellationToken.None, frames);
            var before = frames.ToList();
            var beforeDecoded = Mastering.Copy(decoded);
            // Dips at the very start, in the middle and at the very end.
            MasterDip[] dips = [new(0, 6000, -2), new(30 * Rate, 30 * Rate + 9000, -1), new(audio.Frames - 7000, audio.Frames, -3)];
            foreach (var dip in dips) Dips.Apply(audio, dip);
            await SplitM4a.PatchAsync(audio, frames, decoded, dips.Select(d => (d.From, d.To)), path, CancellationToken.None);

            var file = await Ffmpeg.DecodeAsync(path, Rate, audio.Frames, CancellationToken.None);
            Assert.Equal(audio.Frames, file.Frames);
            Assert.Equal(file.Left, decoded.Left);
            Assert.Equal(file.Right, decoded.Right);
            // Only frames near the dips are new, and only the audio they decode to changed.
            Assert.Equal(before.Count, frames.Count);
            var changed = Enumerable.Range(0, frames.Count).Where(k => !frames[k].AsSpan().SequenceEqual(before[k])).ToList();
            Assert.NotEmpty(changed);
            Assert.All(changed, k => Assert.Contains(dips, d => k * 1024 >= d.From - 4 * 1024 && (k - 1) * 1024 < d.To + 4 * 1024));
            for (int i = 0; i < audio.Frames; i += 97)
                if (!dips.Any(d => i >= d.From - 6 * 1024 && i < d.To + 6 * 1024)) Assert.Equal(beforeDecoded.Left[i], decoded.Left[i]);
            // The dips are heard: each dipped stretch decodes that much quieter, within the codec's noise.
            foreach (var dip in dips.Where(d => d.To - d.From >= 8000))
            {
                int a = dip.From + Dips.Ramp, b = dip.To - Dips.Ramp;
                double Energy(AudioBuffer x) => Enumerable.Range(a, b - a).Sum(i => (double)x.Left[i] * x.Left[i]);
                Assert.InRange(10 * Math.Log10(Energy(decoded) / Energy(beforeDecoded)), dip.Db - 0.5, dip.Db + 0.5);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Frames_encoded_again_never_share_a_join_with_audio_that_changed()
    {
        // A hard change (a stretch halved, no ramp) shows any old frame that overlaps changed audio: its aliasing no
        // longer cancels at the join, an error the size of the change instead of the codec's noise.
        var audio = new AudioBuffer((SplitM4a.MinSeconds + 2) * Rate, Rate);
        var rng = new Rng(23);
        for (int i = 0; i < audio.Frames; i++)
        {
            double t = i / (double)Rate, v = 0.02 * (rng.NextDouble() - 0.5) + 0.3 * Math.Sin(2 * Math.PI * 330 * t) + 0.15 * Math.Sin(2 * Math.PI * 1250 * t);
            audio.Left[i] = (float)v;
            audio.Right[i] = (float)v;
        }
        string dir = Directory.CreateTempSubdirectory("patch-").FullName;
        try
        {
            var frames = new List<byte[]>();
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, Path.Combine(dir, "song.m4a"), CancellationToken.None, frames);
            int from = 20 * Rate + 333, to = 21 * Rate + 777;
            for (int i = from; i < to; i++) { audio.Left[i] *= 0.5f; audio.Right[i] *= 0.5f; }
            await SplitM4a.PatchAsync(audio, frames, decoded, [(from, to)], Path.Combine(dir, "song.m4a"), CancellationToken.None);
            var whole = await Ffmpeg.EncodeM4aAndDecodeAsync(audio, Path.Combine(dir, "whole.m4a"), CancellationToken.None);
            double Snr(AudioBuffer d, int a, int b)
            {
                double err = 0, sig = 0;
                for (int i = a; i < b; i++) { err += Math.Pow(d.Left[i] - audio.Left[i], 2); sig += Math.Pow(audio.Left[i], 2); }
                return 10 * Math.Log10(sig / err);
            }
            // Every block from eight before the change to eight after: as close to the audio as one encode of it all.
            for (int block = from / 1024 - 8; block <= to / 1024 + 8; block++)
            {
                double patched = Snr(decoded, block * 1024, (block + 1) * 1024), one = Snr(whole, block * 1024, (block + 1) * 1024);
                Assert.True(patched > Math.Min(one, 25) - 6, $"block {block}: {patched:F1} dB patched, {one:F1} dB in one encode");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Overs_at_a_few_spots_give_a_dip_each_as_deep_as_the_over_and_overs_everywhere_give_none()
    {
        var audio = new AudioBuffer(20 * Rate, Rate);
        for (int i = 0; i < audio.Frames; i++) audio.Left[i] = audio.Right[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 100 * i / Rate));
        Assert.Empty(Dips.Find(audio, -1.1)!);
        // Two short spots peaking at 0.99 (-0.09 dBFS): bursts of a 1 kHz tone, the first spot two bursts 1500 frames apart.
        foreach (int at in new[] { 5 * Rate, 5 * Rate + 1500, 12 * Rate })
            for (int i = 0; i < 400; i++) audio.Left[at + i] = (float)(0.99 * Math.Sin(Math.PI * i / 400) * Math.Sin(2 * Math.PI * 1000 * i / Rate + Math.PI / 2));
        var dips = Dips.Find(audio, -1.1)!;
        Assert.Equal(2, dips.Count);
        Assert.All(dips, d => Assert.InRange(d.Db, -1.1 + 0.09 - 0.05 - 0.1, -1.1 + 0.09 - 0.05 + 0.1));
        Assert.True(dips[0].From < 5 * Rate - Dips.Ramp && dips[0].To > 5 * Rate + 1900 + Dips.Ramp);
        Assert.True(dips[1].From < 12 * Rate - Dips.Ramp && dips[1].To > 12 * Rate + 400 + Dips.Ramp);
        // A dip eases down and back: unity at its ends, its depth in the middle.
        var ones = new AudioBuffer(dips[1].To + 10, Rate);
        Array.Fill(ones.Left, 1f);
        Array.Fill(ones.Right, 1f);
        Dips.Apply(ones, dips[1]);
        Assert.InRange(ones.Left[dips[1].From], 0.999f, 1f);
        Assert.InRange(ones.Left[dips[1].To - 1], 0.999f, 1f);
        Assert.Equal(Math.Pow(10, dips[1].Db / 20), ones.Left[(dips[1].From + dips[1].To) / 2], 5);
        // A spot dipped before counts: its dips stack, and past 3 dB in all the spot is the master's problem.
        Assert.Null(Dips.Find(audio, -1.1, [new MasterDip(12 * Rate - 5000, 12 * Rate + 5000, -2.5)]));
        Assert.Equal(2, Dips.Find(audio, -1.1, [new MasterDip(12 * Rate - 5000, 12 * Rate + 5000, -1.5)])!.Count);
        // At the song's first block the dip reaches past the start, so it holds its full depth over that block.
        for (int i = 0; i < 300; i++) audio.Left[i] = (float)(0.99 * Math.Sin(Math.PI * i / 300) * Math.Sin(2 * Math.PI * 1000 * i / Rate + Math.PI / 2));
        var first = Dips.Find(audio, -1.1)![0];
        Assert.True(first.From + Dips.Ramp <= 0, $"the dip starts at {first.From}");
        var start = new AudioBuffer(4096, Rate);
        Array.Fill(start.Left, 1f);
        Dips.Apply(start, first);
        Assert.All(start.Left.Take(1024), v => Assert.Equal(Math.Pow(10, first.Db / 20), v, 5));
        // Over all through: the master's problem, not a spot's.
        for (int i = 0; i < audio.Frames; i += 2000) audio.Left[i] = 0.99f;
        Assert.Null(Dips.Find(audio, -1.1));
    }
}
