using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// The few entry points of FFmpeg's libraries (libavcodec 59 and libavutil 57: FFmpeg 5.1, what the ffmpeg package
/// installs) that encode and decode AAC in this process. Codec contexts are set through options only; the frame and
/// packet fields read or written here are at the offsets of that version, which <see cref="Available"/> checks on a
/// fresh frame, and the encoder on its context, before anything uses them (any other version: the ffmpeg command line is used instead).
/// </summary>
internal static unsafe partial class LibAv
{
    private const string Codec = "libavcodec.so.59", Util = "libavutil.so.57";

    public const int Again = -11;                       // AVERROR(EAGAIN)
    public const int EndOfFile = -0x20464F45;           // AVERROR_EOF, FFERRTAG('E','O','F',' ')
    public const int PlanarFloat = 8;                   // AV_SAMPLE_FMT_FLTP
    private const long NoPts = long.MinValue;           // AV_NOPTS_VALUE
    private const int Quiet = -8;                       // AV_LOG_QUIET

    // AVFrame (libavutil 57).
    public const int FrameData = 0, FrameExtendedData = 96, FrameSamples = 112, FrameFormat = 116, FramePts = 136,
        FrameSampleRate = 208, FrameLayout = 448;
    // AVCodecContext (libavcodec 59): the fields without an option; checked against the options where they have one.
    public const int ContextSampleRate = 352, ContextSampleFormat = 360, ContextFrameSize = 364;
    // AVPacket (libavcodec 59).
    public const int PacketData = 24, PacketSize = 32;

    private static readonly Lazy<bool> available = new(Check);

    /// <summary>Whether the libraries load and are the version whose layout this class knows.</summary>
    public static bool Available => available.Value;

    private static bool Check()
    {
        try
        {
            if (CodecVersion() >> 16 != 59 || UtilVersion() >> 16 != 57) return false;
            // FFmpeg logs to stderr by default (the encoder's statistics too); failures come back as error codes instead.
            LogLevel(Quiet);
            // A fresh frame holds known defaults: a wrong layout would show here, before any encode.
            var frame = FrameAlloc();
            if (frame == IntPtr.Zero) return false;
            byte* f = (byte*)frame;
            bool fields = *(int*)(f + FrameFormat) == -1 && *(long*)(f + FramePts) == NoPts && *(long*)(f + FramePts + 8) == NoPts
                && *(int*)(f + FrameSamples) == 0 && *(int*)(f + FrameSampleRate) == 0 && *(IntPtr*)(f + FrameData) == IntPtr.Zero;
            FrameFree(ref frame);
            return fields && FindEncoder("aac") != IntPtr.Zero && FindDecoder("aac") != IntPtr.Zero;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>FFmpeg's words for an error code.</summary>
    public static string Error(int code)
    {
        byte* buffer = stackalloc byte[256];
        return StrError(code, buffer, 256) == 0 ? Marshal.PtrToStringUTF8((IntPtr)buffer) ?? $"error {code}" : $"error {code}";
    }

    /// <summary>An options dictionary built from pairs, for <see cref="Open"/>; freed by <see cref="DictFree"/>.</summary>
    public static IntPtr Dictionary(params (string Key, string Value)[] pairs)
    {
        IntPtr dict = IntPtr.Zero;
        foreach (var (key, value) in pairs)
            if (DictSet(ref dict, key, value, 0) < 0) throw new InvalidOperationException($"could not set the option {key}");
        return dict;
    }

    [LibraryImport(Codec, EntryPoint = "avcodec_version")]
    private static partial uint CodecVersion();

    [LibraryImport(Util, EntryPoint = "avutil_version")]
    private static partial uint UtilVersion();

    [LibraryImport(Codec, EntryPoint = "avcodec_find_encoder_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr FindEncoder(string name);

    [LibraryImport(Codec, EntryPoint = "avcodec_find_decoder_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr FindDecoder(string name);

    [LibraryImport(Codec, EntryPoint = "avcodec_alloc_context3")]
    public static partial IntPtr ContextAlloc(IntPtr codec);

    [LibraryImport(Codec, EntryPoint = "avcodec_free_context")]
    public static partial void ContextFree(ref IntPtr context);

    [LibraryImport(Codec, EntryPoint = "avcodec_open2")]
    public static partial int Open(IntPtr context, IntPtr codec, ref IntPtr options);

    [LibraryImport(Codec, EntryPoint = "avcodec_send_frame")]
    public static partial int SendFrame(IntPtr context, IntPtr frame);

    [LibraryImport(Codec, EntryPoint = "avcodec_receive_packet")]
    public static partial int ReceivePacket(IntPtr context, IntPtr packet);

    [LibraryImport(Codec, EntryPoint = "avcodec_send_packet")]
    public static partial int SendPacket(IntPtr context, IntPtr packet);

    [LibraryImport(Codec, EntryPoint = "avcodec_receive_frame")]
    public static partial int ReceiveFrame(IntPtr context, IntPtr frame);

    [LibraryImport(Codec, EntryPoint = "av_packet_alloc")]
    public static partial IntPtr PacketAlloc();

    [LibraryImport(Codec, EntryPoint = "av_packet_free")]
    public static partial void PacketFree(ref IntPtr packet);

    [LibraryImport(Codec, EntryPoint = "av_packet_unref")]
    public static partial void PacketUnref(IntPtr packet);

    [LibraryImport(Codec, EntryPoint = "av_new_packet")]
    public static partial int NewPacket(IntPtr packet, int size);

    [LibraryImport(Util, EntryPoint = "av_frame_alloc")]
    public static partial IntPtr FrameAlloc();

    [LibraryImport(Util, EntryPoint = "av_frame_free")]
    public static partial void FrameFree(ref IntPtr frame);

    [LibraryImport(Util, EntryPoint = "av_frame_get_buffer")]
    public static partial int FrameGetBuffer(IntPtr frame, int align);

    [LibraryImport(Util, EntryPoint = "av_frame_make_writable")]
    public static partial int FrameMakeWritable(IntPtr frame);

    [LibraryImport(Util, EntryPoint = "av_channel_layout_default")]
    public static partial void LayoutDefault(IntPtr layout, int channels);

    [LibraryImport(Util, EntryPoint = "av_dict_set", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int DictSet(ref IntPtr dict, string key, string value, int flags);

    [LibraryImport(Util, EntryPoint = "av_dict_free")]
    public static partial void DictFree(ref IntPtr dict);

    [LibraryImport(Util, EntryPoint = "av_opt_get_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OptionInt(IntPtr obj, string name, int searchFlags, out long value);

    [LibraryImport(Util, EntryPoint = "av_log_set_level")]
    private static partial void LogLevel(int level);

    [LibraryImport(Util, EntryPoint = "av_strerror")]
    private static partial int StrError(int code, byte* buffer, nuint size);
}
