using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// The delivered AAC encoded in this process by FFmpeg's own encoder with the delivered settings (those of
/// <see cref="Ffmpeg.Aac"/>): fed the same samples in frames of the same size, it makes the same frames as the command
/// line, without a process to start or samples to pipe. Each frame is handed out as ADTS (its 7-byte header first), the
/// form the muxer and <see cref="AacDecoder"/> read. Not thread-safe: one encode per instance at a time.
/// </summary>
internal sealed unsafe class AacEncoder : IDisposable
{
    private IntPtr _context, _frame, _packet;
    private readonly int _frameSize, _rateIndex;

    public AacEncoder(int sampleRate)
    {
        _rateIndex = Array.IndexOf(Rates, sampleRate);
        if (_rateIndex < 0) throw new EngineException($"AAC has no sample rate {sampleRate}");
        var codec = LibAv.FindEncoder("aac");
        _context = LibAv.ContextAlloc(codec);
        // The sample format has no option: it is written in place, where a fresh context holds "none".
        byte* c = (byte*)_context;
        if (*(int*)(c + LibAv.ContextSampleFormat) != -1 || *(int*)(c + LibAv.ContextSampleRate) != 0)
            throw new EngineException("libavcodec's codec context is not laid out as expected");
        *(int*)(c + LibAv.ContextSampleFormat) = LibAv.PlanarFloat;
        var options = LibAv.Dictionary([.. Ffmpeg.AacOptions, ("ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ch_layout", "stereo"), ("flags", "+bitexact")]);
        try
        {
            Check(LibAv.Open(_context, codec, ref options), "open the AAC encoder");
        }
        finally
        {
            LibAv.DictFree(ref options);
        }
        Check(LibAv.OptionInt(_context, "frame_size", 0, out long frameSize), "read the AAC frame size");
        _frameSize = (int)frameSize;
        if (_frameSize != *(int*)(c + LibAv.ContextFrameSize) || *(int*)(c + LibAv.ContextSampleRate) != sampleRate)
            throw new EngineException("libavcodec's codec context is not laid out as expected");
        _frame = LibAv.FrameAlloc();
        byte* f = (byte*)_frame;
        *(int*)(f + LibAv.FrameSamples) = _frameSize;
        *(int*)(f + LibAv.FrameFormat) = LibAv.PlanarFloat;
        *(int*)(f + LibAv.FrameSampleRate) = sampleRate;
        LibAv.LayoutDefault((IntPtr)(f + LibAv.FrameLayout), 2);
        Check(LibAv.FrameGetBuffer(_frame, 0), "allocate an audio frame");
        _packet = LibAv.PacketAlloc();
    }

    /// <summary>The sample rates AAC names by index (the ADTS header carries the index).</summary>
    private static readonly int[] Rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>
    /// Encodes frames [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="audio"/> as one stream (the
    /// encoder's priming first, its last frames flushed at the end) and hands each AAC frame to <paramref name="frame"/>.
    /// </summary>
    public void Encode(AudioBuffer audio, int from, int to, Action<byte[]> frame, CancellationToken ct)
    {
        long pts = 0;
        byte* f = (byte*)_frame;
        for (int pos = from; pos < to; pos += _frameSize)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(_frameSize, to - pos);
            Check(LibAv.FrameMakeWritable(_frame), "write an audio frame");
            *(int*)(f + LibAv.FrameSamples) = n;
            *(long*)(f + LibAv.FramePts) = pts;
            pts += n;
            audio.Left.AsSpan(pos, n).CopyTo(new Span<float>(*(void**)(f + LibAv.FrameData), n));
            audio.Right.AsSpan(pos, n).CopyTo(new Span<float>(*(void**)(f + LibAv.FrameData + sizeof(IntPtr)), n));
            Check(LibAv.SendFrame(_context, _frame), "encode AAC");
            Drain(frame);
        }
        Check(LibAv.SendFrame(_context, IntPtr.Zero), "finish the AAC encode");
        Drain(frame);
    }

    private void Drain(Action<byte[]> frame)
    {
        while (true)
        {
            int got = LibAv.ReceivePacket(_context, _packet);
            if (got is LibAv.Again or LibAv.EndOfFile) return;
            Check(got, "encode AAC");
            byte* p = (byte*)_packet;
            var payload = new ReadOnlySpan<byte>(*(void**)(p + LibAv.PacketData), *(int*)(p + LibAv.PacketSize));
            frame(Adts(payload));
            LibAv.PacketUnref(_packet);
        }
    }

    /// <summary>An ADTS frame: the header FFmpeg's ADTS muxer writes (MPEG-4, AAC-LC, stereo, no checksum), then the payload.</summary>
    private byte[] Adts(ReadOnlySpan<byte> payload)
    {
        int length = payload.Length + 7;
        if (length >= 1 << 13) throw new EngineException("an AAC frame too long for ADTS");
        const int Profile = 1, Channels = 2;   // AAC-LC is object type 2, written less one
        var frame = new byte[length];
        frame[0] = 0xFF;
        frame[1] = 0xF1;
        frame[2] = (byte)((Profile << 6) | (_rateIndex << 2) | (Channels >> 2));
        frame[3] = (byte)(((Channels & 3) << 6) | (length >> 11));
        frame[4] = (byte)((length >> 3) & 0xFF);
        frame[5] = (byte)(((length & 7) << 5) | 0x1F);
        frame[6] = 0xFC;
        payload.CopyTo(frame.AsSpan(7));
        return frame;
    }

    internal static void Check(int code, string what)
    {
        if (code < 0) throw new EngineException($"could not {what}: {LibAv.Error(code)}");
    }

    public void Dispose()
    {
        LibAv.PacketFree(ref _packet);
        LibAv.FrameFree(ref _frame);
        LibAv.ContextFree(ref _context);
    }
}

/// <summary>
/// FFmpeg's AAC decoder in this process, fed ADTS frames one at a time: it gives, sample for sample, what the command
/// line's decoder gives for the same frames. Not thread-safe.
/// </summary>
internal sealed unsafe class AacDecoder : IDisposable
{
    private IntPtr _context, _frame, _packet;

    public AacDecoder()
    {
        var codec = LibAv.FindDecoder("aac");
        _context = LibAv.ContextAlloc(codec);
        IntPtr options = IntPtr.Zero;
        AacEncoder.Check(LibAv.Open(_context, codec, ref options), "open the AAC decoder");
        _frame = LibAv.FrameAlloc();
        _packet = LibAv.PacketAlloc();
    }

    /// <summary>Decodes one ADTS frame into <paramref name="output"/>.</summary>
    public void Decode(byte[] adts, PcmWriter output)
    {
        AacEncoder.Check(LibAv.NewPacket(_packet, adts.Length), "make an AAC packet");
        adts.CopyTo(new Span<byte>(*(void**)((byte*)_packet + LibAv.PacketData), adts.Length));
        int sent = LibAv.SendPacket(_context, _packet);
        LibAv.PacketUnref(_packet);
        AacEncoder.Check(sent, "decode AAC");
        Drain(output);
    }

    /// <summary>Decodes what the decoder still holds (the end of the stream).</summary>
    public void Flush(PcmWriter output)
    {
        AacEncoder.Check(LibAv.SendPacket(_context, IntPtr.Zero), "finish the AAC decode");
        Drain(output);
    }

    private void Drain(PcmWriter output)
    {
        while (true)
        {
            int got = LibAv.ReceiveFrame(_context, _frame);
            if (got is LibAv.Again or LibAv.EndOfFile) return;
            AacEncoder.Check(got, "decode AAC");
            byte* f = (byte*)_frame;
            int n = *(int*)(f + LibAv.FrameSamples);
            if (*(int*)(f + LibAv.FrameFormat) != LibAv.PlanarFloat || *(int*)(f + LibAv.FrameLayout + 4) != 2)
                throw new EngineException("the AAC decoder gave audio that is not planar float stereo");
            var planes = *(float***)(f + LibAv.FrameExtendedData);
            output.Write(new ReadOnlySpan<float>(planes[0], n), new ReadOnlySpan<float>(planes[1], n));
        }
    }

    public void Dispose()
    {
        LibAv.PacketFree(ref _packet);
        LibAv.FrameFree(ref _frame);
        LibAv.ContextFree(ref _context);
    }
}

/// <summary>
/// Decoded audio written into a buffer from frame <see cref="At"/> on, after skipping the first <c>skip</c> frames
/// and keeping at most <c>max</c> (the same rules as <see cref="Ffmpeg.ReadPcmAsync"/>).
/// </summary>
internal sealed class PcmWriter(AudioBuffer audio, int skip, int at, int max)
{
    public int At => at;

    /// <summary>Frames written so far.</summary>
    public int Frames { get; private set; }

    public void Write(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        int drop = Math.Min(skip, left.Length);
        skip -= drop;
        int n = Math.Min(left.Length - drop, max - Frames);
        if (n <= 0) return;
        left.Slice(drop, n).CopyTo(audio.Left.AsSpan(at + Frames, n));
        right.Slice(drop, n).CopyTo(audio.Right.AsSpan(at + Frames, n));
        Frames += n;
    }
}
