using System.Runtime.InteropServices;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Live;

/// <summary>
/// A song heard while it is being made: as the band renders and the lines are sung, the parts of the song that are
/// final in both are mixed, given a provisional master and encoded to MP3 into <see cref="Output"/>, from the first
/// bar on. The voice is placed at a provisional level (each line a little above the band where it sings, with a
/// high-pass and some room); the finished song's mix and master are made as a whole afterwards, and are the
/// reference. The stream is best effort: if it fails, the song is still made.
/// </summary>
public sealed class LiveMix(Stream output) : IDisposable
{
    private const int Chunk = 4096;
    private const int LoudnessLookahead = 3;
    private const double VoiceAboveBandDb = 2, BackingUnderLeadDb = -7, VoiceRoomSend = 0.2;

    public Stream Output { get; } = output;

    internal VoiceProgress Lead { get; } = new();
    internal VoiceProgress Backing { get; } = new();

    private readonly CancellationTokenSource _abort = new();
    private Task? _running;

    /// <summary>The frames written to the stream so far.</summary>
    public long FramesStreamed { get; private set; }

    /// <summary>Why the stream stopped early, if it did (the song itself is unaffected).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Starts streaming the song whose band <paramref name="band"/> is about to render, on a thread of its own.</summary>
    internal void Start(ComposedSong song, BandMixer band, int frames) =>
        _running = Cores.Run(() => { Run(song, band, frames, _abort.Token); return true; }, CancellationToken.None);

    /// <summary>Waits until the whole song is streamed; a song that was not made stops the stream where it is.</summary>
    internal async Task EndAsync(bool made)
    {
        if (!made) await _abort.CancelAsync();
        if (_running is null) return;
        try
        {
            await _running;
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public void Dispose() => _abort.Dispose();

    /// <summary>Mixes, masters and encodes as the parts become final, until the whole song is streamed.</summary>
    private void Run(ComposedSong song, BandMixer band, int frames, CancellationToken ct)
    {
        int rate = band.Mix.SampleRate;
        using var encoder = Ffmpeg.OpenMp3Stream(rate, Output);
        var master = new StreamMaster(rate);
        var loudness = new RunningLoudness(rate);
        var voice = new LiveVoice(song, rate);
        var room = new RoomReverb(song.Score.ReverbRoom, damping: 0.4, rate);
        var l = new float[Chunk];
        var r = new float[Chunk];
        var sung = new float[Chunk];
        var wetL = new float[Chunk];
        var wetR = new float[Chunk];
        var bytes = new byte[Chunk * 2 * sizeof(float)];
        int pos = 0;
        while (pos < frames)
        {
            ct.ThrowIfCancellationRequested();
            // The band is read a few seconds ahead of what is streamed, so the loudness estimate has something to go on.
            int rendered = band.Rendered;
            int bandReady = rendered >= frames ? frames : rendered - LoudnessLookahead * rate;
            int ready = Math.Min(frames, Math.Min(bandReady, Math.Min(Lead.ReadyFrames, Backing.ReadyFrames)));
            loudness.Add(band.Mix, rendered);
            if (ready - pos < Chunk && ready < frames)
            {
                Thread.Sleep(5);
                continue;
            }
            int n = Math.Min(Chunk, ready - pos);
            band.Mix.Left.AsSpan(pos, n).CopyTo(l);
            band.Mix.Right.AsSpan(pos, n).CopyTo(r);
            voice.Render(Lead.Voice, Backing.Voice, band.Mix, Math.Min(rendered, Lead.ReadyFrames), pos, n, sung);
            for (int i = 0; i < n; i++)
            {
                l[i] += sung[i];
                r[i] += sung[i];
                wetL[i] = wetR[i] = (float)VoiceRoomSend * sung[i];
            }
            room.Process(wetL.AsSpan(0, n), wetR.AsSpan(0, n));
            for (int i = 0; i < n; i++) { l[i] += wetL[i]; r[i] += wetR[i]; }
            // The song's loudness as far as the band has rendered (usually well ahead), with the voice's share.
            master.Process(l.AsSpan(0, n), r.AsSpan(0, n), Mastering.TargetLufs - (loudness.Lufs + 1));
            encoder.Write(Interleave(l, r, n, bytes));
            pos += n;
            FramesStreamed = pos;
        }
        // The limiter's look-ahead still holds the last frames: push them out with silence.
        Array.Clear(l);
        Array.Clear(r);
        master.Process(l.AsSpan(0, master.Latency), r.AsSpan(0, master.Latency), Mastering.TargetLufs - (loudness.Lufs + 1));
        encoder.Write(Interleave(l, r, master.Latency, bytes));
        encoder.Complete();
    }

    private static ReadOnlySpan<byte> Interleave(float[] l, float[] r, int n, byte[] bytes)
    {
        var samples = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, n * 2 * sizeof(float)));
        for (int i = 0; i < n; i++) { samples[2 * i] = l[i]; samples[2 * i + 1] = r[i]; }
        return bytes.AsSpan(0, n * 2 * sizeof(float));
    }

    /// <summary>
    /// The voice at its provisional level: each line's gain set once (the band's level over the line against the
    /// sung line's), reached by a short ramp; the harmony under the lead; a high-pass for the rumble.
    /// </summary>
    private sealed class LiveVoice
    {
        private readonly List<(int Start, int End)> _lines;
        private readonly Biquad _highPass;
        private readonly int _ramp;
        private double _gain, _target = double.NaN;
        private int _line = -1;

        public LiveVoice(ComposedSong song, int rate)
        {
            var score = song.Score;
            _lines = song.Lines.Where(l => Singer.Sings(l.Text))
                .Select(l => ((int)(score.TimeOf(l.Start) * rate), (int)(score.TimeOf(l.End) * rate))).ToList();
            _highPass = Biquad.HighPass(100, 0.707, rate);
            _ramp = rate / 20;
        }

        /// <summary>Writes the voice of frames [pos, pos + n) into <paramref name="into"/> (mono).</summary>
        /// <param name="known">How far both the band and the lead are final (a line's gain is judged on that much of it).</param>
        public void Render(AudioBuffer? lead, AudioBuffer? backing, AudioBuffer band, int known, int pos, int n, float[] into)
        {
            float under = (float)Math.Pow(10, BackingUnderLeadDb / 20);
            for (int i = 0; i < n; i++)
            {
                int f = pos + i;
                // A new line starts: its gain is found from what is final of it now.
                while (_line + 1 < _lines.Count && f >= _lines[_line + 1].Start - _ramp)
                {
                    _line++;
                    var (s, e) = _lines[_line];
                    double gain = GainFor(lead, band, Math.Max(0, s), Math.Min(e, known));
                    if (!double.IsNaN(gain)) _target = gain;
                }
                if (double.IsNaN(_target)) _gain = 0;
                else _gain += (_target - _gain) / _ramp;
                float v = (lead?.Left[f] ?? 0) + under * (backing?.Left[f] ?? 0);
                into[i] = (float)(_gain * v);
            }
            _highPass.Process(into.AsSpan(0, n));
        }

        private static double GainFor(AudioBuffer? lead, AudioBuffer band, int from, int to)
        {
            if (lead is null || to <= from) return double.NaN;
            double v = 0, b = 0;
            long sung = 0;
            for (int i = from; i < to; i++)
            {
                if (lead.Left[i] != 0) { v += lead.Left[i] * (double)lead.Left[i]; sung++; }
                b += (band.Left[i] * (double)band.Left[i] + band.Right[i] * (double)band.Right[i]) / 2;
            }
            if (sung == 0 || v == 0) return double.NaN;
            double vocalDb = 10 * Math.Log10(v / sung), bandDb = 10 * Math.Log10(Math.Max(b / (to - from), 1e-10));
            return Math.Pow(10, Math.Clamp(bandDb + VoiceAboveBandDb - vocalDb, -30, 30) / 20);
        }
    }
}
