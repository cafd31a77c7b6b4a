using System.Globalization;
using System.Threading.Channels;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// The delivered m4a encoded by two AAC encoders at once, one per half of the song (AAC encoding is most of the time
/// after mastering, and one encoder uses one core). AAC frames decode independently except for the overlap-add of
/// neighbouring frames, so the halves join at a frame boundary: the first encoder hears a little past the join (its
/// window choices see the music go on) and gives the frames before it; the second starts three seconds early (its
/// rate control settles on the music) and gives the frames from the join on. Both encode the same signal there, so the
/// overlap of the last frame of one with the first of the other cancels as within one stream; the join measures no
/// louder error than the rest of the song. The frames go into one m4a, with the usual edit list for AAC's priming, as
/// they come. Each half is decoded while it is encoded, the first half's decoder ending on the second's first frame
/// (the one block whose decode needs a frame of each): the result is, sample for sample, what the m4a decodes to.
/// The encoders and decoders are FFmpeg's own, run in this process (<see cref="AacEncoder"/>): no process to start and
/// no samples to pipe, for the same frames as the command line; only the muxer is a process.
/// </summary>
internal static class SplitM4a
{
    /// <summary>Songs this long or longer are split: under a minute the encode takes well under a second, and the three extra processes eat much of what the split saves.</summary>
    public const int MinSeconds = 60;

    /// <summary>Samples per AAC frame, and the encoder's priming (the delay before the first input sample).</summary>
    private const int Frame = 1024;

    /// <summary>
    /// Frames the first encoder hears past the join, and the second before it: about three seconds, which its rate
    /// control takes to settle (with four frames, the first two seconds after the join decoded 8 dB noisier).
    /// </summary>
    private const int Tail = 8, PreRoll = 128;

    /// <param name="aacFrames">When given, filled with the m4a's AAC frames (as ADTS, in order), for <see cref="PatchAsync"/>.</param>
    public static async Task<AudioBuffer> EncodeAndDecodeAsync(AudioBuffer audio, string path, CancellationToken ct, List<byte[]>? aacFrames = null)
    {
        int n = audio.Frames, joinFrame = n / 2 / Frame, join = joinFrame * Frame;
        var decoded = new AudioBuffer(n, audio.SampleRate);
        var first = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        List<byte[]> second = [];
        var secondsFirst = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The second half's frame PreRoll is the song's frame joinFrame. Its decode starts a frame early and drops
        // two frames' output: its priming, and the block before the join, which the first half's decoder makes.
        var b = HalfAsync(audio, join - PreRoll * Frame, n, keepFrom: PreRoll, keepTo: int.MaxValue, decodeFrom: PreRoll - 1, frame =>
        {
            if (second.Count == 0) secondsFirst.TrySetResult(frame);
            second.Add(frame);
            return ValueTask.CompletedTask;
        }, append: null, decoded, at: join, skip: 2 * Frame, max: n - join, ct);
        _ = b.ContinueWith(_ => secondsFirst.TrySetCanceled(CancellationToken.None), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        // The first gives frames 0 … joinFrame-1; its decoder then hears the second's first frame, so its last block
        // overlaps the two halves as the m4a plays them: the song up to the join, exactly.
        var a = HalfAsync(audio, 0, Math.Min(n, join + Tail * Frame), keepFrom: 0, keepTo: joinFrame, decodeFrom: 0,
            frame => first.Writer.WriteAsync(frame, ct), append: secondsFirst.Task, decoded, at: 0, skip: Frame, max: join, ct);
        _ = a.ContinueWith(t => first.Writer.TryComplete(t.Exception), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        // The m4a is written as the first half comes, then the second's frames once it is done.
        var mux = MuxAsync(async stdin =>
        {
            await foreach (var frame in first.Reader.ReadAllAsync(ct))
            {
                await stdin.WriteAsync(frame, ct);
                aacFrames?.Add(frame);
            }
            await b;
            foreach (var frame in second) await stdin.WriteAsync(frame, ct);
            aacFrames?.AddRange(second);
        }, audio.SampleRate, path, ct);
        await Task.WhenAll(a, b, mux);
        int frames = Math.Min(n, await b);
        return frames == n ? decoded : Ffmpeg.Truncate(decoded, frames);
    }

    /// <summary>Whether <see cref="PatchAsync"/> can run here (it needs the codec in this process).</summary>
    public static bool CanPatch => InProcessAllowed && LibAv.Available;

    /// <summary>AAC frames kept either side of a change, so the old and new frames at each join overlap on audio neither changed, heard the same by both encoders' window choices.</summary>
    private const int Margin = 2;

    /// <summary>
    /// After the audio changed within the frame spans <paramref name="changed"/>, encodes again only the AAC frames
    /// that carry them (each run of them with the pre-roll and tail the second half of a split encode has, so the new
    /// frames join the old as the halves do), puts them in <paramref name="frames"/> (the song's frames, as
    /// <see cref="EncodeAndDecodeAsync"/> gave them) in place of the old, decodes every block they touch into
    /// <paramref name="decoded"/> (the old frame either side decoded with them, so the joins come out as the m4a plays
    /// them), and writes the m4a at <paramref name="path"/> again from the frames. Spans far apart are encoded at once.
    /// </summary>
    public static async Task PatchAsync(AudioBuffer audio, List<byte[]> frames, AudioBuffer decoded, IEnumerable<(int From, int To)> changed,
        string path, CancellationToken ct)
    {
        if (!CanPatch) throw new InvalidOperationException("the codec is not in this process");
        int n = audio.Frames, count = frames.Count;
        // Frames [k0, k1) are encoded again: the audio before k0's hop and from k1 - 1's on is as it was.
        var runs = new List<(int K0, int K1)>();
        foreach (var (from, to) in changed.OrderBy(c => c.From))
        {
            int k0 = Math.Max(0, from / Frame - Margin), k1 = (to + Frame - 1) / Frame + 1 + Margin;
            if ((k1 + Tail) * Frame >= n) k1 = count;
            if (runs.Count > 0 && k0 <= runs[^1].K1 + Tail) runs[^1] = (runs[^1].K0, Math.Max(runs[^1].K1, k1));
            else runs.Add((k0, Math.Min(k1, count)));
        }
        await Task.WhenAll(runs.Select(run => Cores.Run(() =>
        {
            var (k0, k1) = run;
            bool toEnd = k1 == count;
            int preRoll = Math.Min(PreRoll, k0);
            var fresh = new List<byte[]>();
            using (var encoder = new AacEncoder(audio.SampleRate))
                encoder.Encode(audio, (k0 - preRoll) * Frame, toEnd ? n : Math.Min(n, (k1 + Tail) * Frame), fresh.Add, ct);
            if (fresh.Count - preRoll < k1 - k0 || (toEnd && fresh.Count - preRoll != k1 - k0))
                throw new EngineException("the AAC frames encoded again do not line up with the song's");
            for (int k = k0; k < k1; k++) frames[k] = fresh[preRoll + k - k0];
            // The decoder hears the old frame before (its output dropped: it only primes the overlap) and the old one
            // after: blocks [k0 - 1, k1) of the song, the ones the new frames share.
            int first = Math.Max(0, k0 - 1), at = first * Frame;
            using var decoder = new AacDecoder();
            var pcm = new PcmWriter(decoded, Frame, at, toEnd ? n - at : Math.Min(n - at, (k1 - first) * Frame));
            for (int k = first; k <= Math.Min(k1, count - 1); k++) decoder.Decode(frames[k], pcm);
            decoder.Flush(pcm);
            return 0;
        }, ct)));
        await MuxAsync(async stdin =>
        {
            foreach (var frame in frames) await stdin.WriteAsync(frame, ct);
        }, audio.SampleRate, path, ct);
    }

    /// <summary>
    /// Encodes frames [<paramref name="from"/>, <paramref name="to"/>) of the song, hands the encoded frames
    /// [<paramref name="keepFrom"/>, <paramref name="keepTo"/>) to <paramref name="keep"/>, and decodes from
    /// <paramref name="decodeFrom"/> to the last kept one (then <paramref name="append"/>, when given) into
    /// <paramref name="decoded"/> at <paramref name="at"/>, dropping the first <paramref name="skip"/> frames of audio
    /// and writing at most <paramref name="max"/>; returns where the decode ends. In this process when FFmpeg's
    /// libraries are the version <see cref="LibAv"/> knows, otherwise by the command line (an encoder piped to a decoder).
    /// </summary>
    private static Task<int> HalfAsync(AudioBuffer audio, int from, int to, int keepFrom, int keepTo, int decodeFrom,
        Func<byte[], ValueTask> keep, Task<byte[]>? append, AudioBuffer decoded, int at, int skip, int max, CancellationToken ct) =>
        InProcessAllowed && LibAv.Available
            ? InProcess(audio, from, to, keepFrom, keepTo, decodeFrom, keep, append, decoded, at, skip, max, ct)
            : ByProcessesAsync(audio, from, to, keepFrom, keepTo, decodeFrom, keep, append, decoded, at, skip, max, ct);

    private static readonly AsyncLocal<bool> commandLine = new();

    /// <summary>Whether the in-process codec may be used in this flow (tests turn it off to run the command-line path).</summary>
    internal static bool InProcessAllowed { get => !commandLine.Value; set => commandLine.Value = !value; }

    private static Task<int> InProcess(AudioBuffer audio, int from, int to, int keepFrom, int keepTo, int decodeFrom,
        Func<byte[], ValueTask> keep, Task<byte[]>? append, AudioBuffer decoded, int at, int skip, int max, CancellationToken ct) =>
        Cores.Run(() =>
        {
            using var encoder = new AacEncoder(audio.SampleRate);
            using var decoder = new AacDecoder();
            var pcm = new PcmWriter(decoded, skip, at, max);
            int index = 0;
            encoder.Encode(audio, from, to, frame =>
            {
                if (index >= keepFrom && index < keepTo)
                {
                    var kept = keep(frame);
                    if (!kept.IsCompletedSuccessfully) kept.AsTask().GetAwaiter().GetResult();
                }
                if (index >= decodeFrom && index < keepTo) decoder.Decode(frame, pcm);
                if (index == keepTo - 1 && append is not null) decoder.Decode(append.GetAwaiter().GetResult(), pcm);
                index++;
            }, ct);
            decoder.Flush(pcm);
            return at + pcm.Frames;
        }, ct);

    private static async Task<int> ByProcessesAsync(AudioBuffer audio, int from, int to, int keepFrom, int keepTo, int decodeFrom,
        Func<byte[], ValueTask> keep, Task<byte[]>? append, AudioBuffer decoded, int at, int skip, int max, CancellationToken ct)
    {
        string encode = $"-hide_banner -loglevel error -f f32le -ar {audio.SampleRate} -ac 2 -i pipe:0 {Ffmpeg.Aac} " +
            "-fflags +bitexact -flags:a +bitexact -f adts pipe:1";
        int read = 0;
        await Ffmpeg.RunAsync(encode, stdin => Ffmpeg.WriteInterleaved(audio, from, to, stdin, ct), ct,
            adts => Ffmpeg.RunAsync(Decoder(audio.SampleRate), async decoderIn =>
            {
                int index = 0;
                await foreach (var frame in Adts.FramesAsync(adts, ct))
                {
                    // Every frame is read, so the encoder never waits; only the kept ones go on.
                    if (index >= keepFrom && index < keepTo) await keep(frame);
                    if (index >= decodeFrom && index < keepTo) await decoderIn.WriteAsync(frame, ct);
                    if (index == keepTo - 1 && append is not null) await decoderIn.WriteAsync(await append, ct);
                    index++;
                }
            }, ct, async pcm => read = await Ffmpeg.ReadPcmAsync(pcm, decoded, skip, ct, at, max)));
        return at + read;
    }

    private static string Decoder(int sampleRate) => $"-hide_banner -loglevel error -f aac -i pipe:0 -f f32le -ac 2 -ar {sampleRate} pipe:1";

    /// <summary>
    /// Puts the frames <paramref name="frames"/> writes in an m4a, as they are. ADTS carries no encoder delay, so the input is shifted back by the
    /// priming: the muxer then writes the edit list that skips it, as it does for an encoder's own m4a.
    /// </summary>
    private static Task MuxAsync(Func<Stream, Task> frames, int sampleRate, string path, CancellationToken ct)
    {
        string priming = (Frame / (double)sampleRate).ToString("F9", CultureInfo.InvariantCulture);
        string args = $"-hide_banner -loglevel error -y -itsoffset -{priming} -f aac -i pipe:0 -c:a copy -map_metadata -1 " +
            $"-fflags +bitexact -flags:a +bitexact -movflags +faststart -f mp4 \"{path}\"";
        return Ffmpeg.RunAsync(args, frames, ct);
    }
}
