using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>ADTS, the AAC stream format whose every frame starts with a 7-byte header (9 with a checksum) giving its length.</summary>
internal static class Adts
{
    /// <summary>The stream's frames, each whole (header included), in order.</summary>
    public static async IAsyncEnumerable<byte[]> FramesAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var input = new BufferedStream(stream, 65536);
        var header = new byte[7];
        while (true)
        {
            int got = await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
            if (got == 0) yield break;
            if (got < header.Length || header[0] != 0xFF || (header[1] & 0xF0) != 0xF0)
                throw new EngineException("the AAC encoder wrote a stream that is not ADTS");
            int length = ((header[3] & 0x03) << 11) | (header[4] << 3) | (header[5] >> 5);
            if (length < header.Length) throw new EngineException("the AAC encoder wrote an ADTS frame shorter than its header");
            var frame = new byte[length];
            header.CopyTo(frame, 0);
            await input.ReadExactlyAsync(frame.AsMemory(header.Length), ct);
            yield return frame;
        }
    }
}
