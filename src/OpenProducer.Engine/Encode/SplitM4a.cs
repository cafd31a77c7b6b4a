using System.Globalization;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// The delivered m4a encoded by two AAC encoders at once, one per half of the song (AAC encoding is most of the time
/// after mastering, and one encoder uses one core). AAC frames decode independently except for the overlap-add of
/// neighbouring frames, so the halves join at a frame boundary: the first encoder hears a little past the join (its
/// window choices see the music go on) and gives the frames before it; the second starts three seconds early (its
/// rate control settles on the music) and gives the frames from the join on. Both encode the same signal there, so the
/// overlap of the last frame of one with the first of the other cancels as within one stream; the join measures no
/// louder error than the rest of the song. The frames are then put in one m4a with the usual edit list for AAC's
/// priming. Each half is decoded while it is encoded, and the one block whose decode needs a frame of each half is
/// decoded from those two frames: the result is, sample for sample, what the m4a decodes to.
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

    public static async Task<AudioBuffer> EncodeAndDecodeAsync(AudioBuffer audio, string path, CancellationToken ct)
    {
        int n = audio.Frames, joinFrame = n / 2 / Frame, join = joinFrame * Frame;
        var decoded = new AudioBuffer(n, audio.SampleRate);
        List<byte[]> first = [], second = [];
        // The first half gives frames 0 … joinFrame-1 (decoded: the song up to join - Frame, after the priming).
        var a = HalfAsync(audio, 0, Math.Min(n, join + Tail * Frame), keepFrom: 0, keepTo: joinFrame, decodeFrom: 0, first, decoded, at: 0, max: join - Frame, ct);
        // The second's frame PreRoll is the song's frame joinFrame; its decode starts a frame early, so that frame's
        // output (the block before the join, made with the second's own previous frame) is mended below.
        var b = HalfAsync(audio, join - PreRoll * Frame, n, keepFrom: PreRoll, keepTo: int.MaxValue, decodeFrom: PreRoll - 1, second, decoded, at: join - Frame, max: n - join + Frame, ct);
        await Task.WhenAll(a, b);
        // The block before the join overlaps the first half's last frame with the second's first, as the m4a plays it.
        await DecodeAsync([first[^1], second[0]], decoded, at: join - Frame, count: Frame, ct);
        await MuxAsync(first.Concat(second), audio.SampleRate, path, ct);
        int frames = Math.Min(n, Math.Max(await a, await b));
        return frames == n ? decoded : Ffmpeg.Truncate(decoded, frames);
    }

    /// <summary>
    /// Encodes frames [<paramref name="from"/>, <paramref name="to"/>) of the song, keeps the encoded frames
    /// [<paramref name="keepFrom"/>, <paramref name="keepTo"/>) and decodes from <paramref name="decodeFrom"/> to the
    /// last kept one into <paramref name="decoded"/> at <paramref name="at"/> (at most <paramref name="max"/> frames);
    /// returns where the decode ends.
    /// </summary>
    private static async Task<int> HalfAsync(AudioBuffer audio, int from, int to, int keepFrom, int keepTo, int decodeFrom,
        List<byte[]> kept, AudioBuffer decoded, int at, int max, CancellationToken ct)
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
                    if (index >= keepFrom && index < keepTo) kept.Add(frame);
                    if (index >= decodeFrom && index < keepTo) await decoderIn.WriteAsync(frame, ct);
                    index++;
                }
            }, ct, async pcm => read = await Ffmpeg.ReadPcmAsync(pcm, decoded, Frame, ct, at, max)));
        return at + read;
    }

    /// <summary>Decodes <paramref name="frames"/> and writes <paramref name="count"/> frames of audio after the first frame's output at <paramref name="at"/>.</summary>
    private static Task DecodeAsync(byte[][] frames, AudioBuffer decoded, int at, int count, CancellationToken ct) =>
        Ffmpeg.RunAsync(Decoder(decoded.SampleRate), async decoderIn =>
        {
            foreach (var f in frames) await decoderIn.WriteAsync(f, ct);
        }, ct, async pcm => await Ffmpeg.ReadPcmAsync(pcm, decoded, Frame, ct, at, count));

    private static string Decoder(int sampleRate) => $"-hide_banner -loglevel error -f aac -i pipe:0 -f f32le -ac 2 -ar {sampleRate} pipe:1";

    /// <summary>
    /// Puts the frames in an m4a, as they are. ADTS carries no encoder delay, so the input is shifted back by the
    /// priming: the muxer then writes the edit list that skips it, as it does for an encoder's own m4a.
    /// </summary>
    private static Task MuxAsync(IEnumerable<byte[]> frames, int sampleRate, string path, CancellationToken ct)
    {
        string priming = (Frame / (double)sampleRate).ToString("F9", CultureInfo.InvariantCulture);
        string args = $"-hide_banner -loglevel error -y -itsoffset -{priming} -f aac -i pipe:0 -c:a copy -map_metadata -1 " +
            $"-fflags +bitexact -flags:a +bitexact -movflags +faststart -f mp4 \"{path}\"";
        return Ffmpeg.RunAsync(args, async stdin =>
        {
            foreach (var f in frames) await stdin.WriteAsync(f, ct);
        }, ct);
    }
}
