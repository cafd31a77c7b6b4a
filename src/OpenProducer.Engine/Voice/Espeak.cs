using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// libespeak-ng (Debian <c>libespeak-ng1</c>), in-process and synchronous. The library keeps global state, so
/// every call goes through one lock. Used for Mandarin: the <c>cmn-latn-pinyin</c> voice reads Chinese
/// characters through its dictionary as pinyin (the plain <c>cmn</c> voice in Debian reads the tone digits of
/// that pinyin as English numbers).
/// </summary>
public static unsafe partial class Espeak
{
    private const string Lib = "libespeak-ng.so.1";
    private const int OutputSynchronous = 2, DontExit = 0x8000, PhonemeEvents = 0x0001, CharsUtf8 = 1, EventPhoneme = 7;
    private const int ParamRate = 1, ParamPitch = 3, ParamRange = 4;

    /// <summary>Held for every call; Flite holds it too, since both draw noise from the C library's one <c>rand()</c>.</summary>
    internal static readonly Lock Gate = new();
    private static List<short>? collected;
    private static List<(string Name, int Ms)>? phonemes;
    private static int sampleRate;
    private static string? voice;

    /// <summary>The lowest and highest pitch the voice reaches with its pitch parameter 0 and 100 (measured).</summary>
    public const double LowHz = 53.6, HighHz = 157.5;

    /// <summary>The pitch a syllable is synthesised at for a parameter value (the measured curve is near exponential).</summary>
    public static double HzFor(int pitch) => LowHz * Math.Pow(HighHz / LowHz, pitch / 100.0);

    public static int PitchFor(double hz) => (int)Math.Clamp(Math.Round(100 * Math.Log(hz / LowHz) / Math.Log(HighHz / LowHz)), 0, 100);

    /// <summary>
    /// Speaks <paramref name="text"/> on one level pitch (pitch range 0 flattens Mandarin's tones, as singing does)
    /// at <paramref name="wordsPerMinute"/>; returns mono samples and their rate.
    /// </summary>
    public static (float[] Samples, int Rate) Speak(string voiceName, string text, int pitch, int wordsPerMinute)
    {
        var (samples, rate, _) = SpeakTimed(voiceName, text, pitch, wordsPerMinute);
        return (samples, rate);
    }

    /// <summary>As <see cref="Speak"/>, with each phoneme's name and start (milliseconds) as espeak-ng reports them.</summary>
    public static (float[] Samples, int Rate, List<(string Name, int Ms)> Phonemes) SpeakTimed(string voiceName, string text, int pitch, int wordsPerMinute)
    {
        lock (Gate)
        {
            Initialize();
            if (voice != voiceName)
            {
                if (SetVoiceByName(voiceName) != 0) throw new EngineException($"espeak-ng has no voice '{voiceName}'");
                voice = voiceName;
            }
            _ = SetParameter(ParamRate, wordsPerMinute, 0);
            _ = SetParameter(ParamPitch, pitch, 0);
            _ = SetParameter(ParamRange, 0, 0);
            collected = [];
            phonemes = [];
            var bytes = Encoding.UTF8.GetBytes(text + "\0");
            int error;
            fixed (byte* p = bytes) error = Synth(p, (nuint)bytes.Length, 0, 0, 0, CharsUtf8, null, null);
            if (error != 0) throw new EngineException($"espeak-ng failed to synthesise ({error})");
            var samples = new float[collected.Count];
            for (int i = 0; i < samples.Length; i++) samples[i] = collected[i] / 32768f;
            collected = null;
            var timed = phonemes;
            phonemes = null;
            return (samples, sampleRate, timed);
        }
    }

    private static void Initialize()
    {
        if (sampleRate > 0) return;
        try { sampleRate = Initialize(OutputSynchronous, 0, null, DontExit | PhonemeEvents); }
        catch (DllNotFoundException e)
        {
            throw new EngineException("libespeak-ng not found: run ./producer serve (it installs espeak-ng)", e);
        }
        if (sampleRate <= 0) throw new EngineException("espeak-ng could not start (is espeak-ng-data installed?)");
        SetSynthCallback(&OnSamples);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSamples(short* wav, int count, void* events)
    {
        if (wav != null && collected is not null)
            for (int i = 0; i < count; i++) collected.Add(wav[i]);
        // espeak_EVENT: type, id, text position, length, audio position (ms), sample, user data, then the phoneme's
        // name in 8 bytes; 40 bytes each, the list ends with type 0.
        if (events != null && phonemes is not null)
            for (byte* e = (byte*)events; *(int*)e != 0; e += 40)
                if (*(int*)e == EventPhoneme)
                {
                    var name = new ReadOnlySpan<byte>(e + 32, 8);
                    int length = name.IndexOf((byte)0);
                    phonemes.Add((Encoding.UTF8.GetString(length < 0 ? name : name[..length]), *(int*)(e + 16)));
                }
        return 0;
    }

    [LibraryImport(Lib, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Initialize(int output, int bufferMs, string? path, int options);

    [LibraryImport(Lib, EntryPoint = "espeak_SetSynthCallback")]
    private static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, void*, int> callback);

    [LibraryImport(Lib, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetVoiceByName(string name);

    [LibraryImport(Lib, EntryPoint = "espeak_SetParameter")]
    private static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Lib, EntryPoint = "espeak_Synth")]
    private static partial int Synth(void* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* id, void* userData);
}
