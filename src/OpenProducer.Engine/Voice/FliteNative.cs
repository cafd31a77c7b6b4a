using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// libflite (Debian <c>flite</c>/<c>libflite1</c>) and its built-in US English voices, in-process. Flite keeps
/// global state (the lexicon, the registered voices), so every call goes through one lock.
/// </summary>
internal static unsafe partial class FliteNative
{
    private const string Lib = "libflite.so.1";

    [StructLayout(LayoutKind.Sequential)]
    public struct Wave
    {
        public nint Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public short* Samples;
    }

    [LibraryImport(Lib, EntryPoint = "flite_init")]
    public static partial int Init();

    [LibraryImport(Lib, EntryPoint = "flite_synth_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint SynthText(string text, nint voice);

    [LibraryImport(Lib, EntryPoint = "utt_wave")]
    public static partial Wave* UttWave(nint utterance);

    [LibraryImport(Lib, EntryPoint = "utt_relation", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint UttRelation(nint utterance, string name);

    [LibraryImport(Lib, EntryPoint = "relation_head")]
    public static partial nint RelationHead(nint relation);

    [LibraryImport(Lib, EntryPoint = "item_next")]
    public static partial nint ItemNext(nint item);

    [LibraryImport(Lib, EntryPoint = "item_feat_float", StringMarshalling = StringMarshalling.Utf8)]
    public static partial float ItemFeatFloat(nint item, string name);

    [LibraryImport(Lib, EntryPoint = "item_feat_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ItemFeatString(nint item, string name);

    [LibraryImport(Lib, EntryPoint = "delete_utterance")]
    public static partial void DeleteUtterance(nint utterance);

    /// <summary>
    /// The C library's <c>srand</c>: Flite's excitation noise comes from <c>rand()</c>, so seeding it before each
    /// utterance makes the same text the same samples.
    /// </summary>
    [LibraryImport("libc.so.6", EntryPoint = "srand")]
    public static partial void SeedRand(uint seed);

    [LibraryImport("libflite_cmu_us_rms.so.1", EntryPoint = "register_cmu_us_rms")]
    public static partial nint RegisterRms(nint voxDir);

    [LibraryImport("libflite_cmu_us_slt.so.1", EntryPoint = "register_cmu_us_slt")]
    public static partial nint RegisterSlt(nint voxDir);
}
