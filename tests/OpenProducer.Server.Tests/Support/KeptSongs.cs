using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Kept;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Tests.Support;

/// <summary>Looks inside a test server's kept audio: a song's recipe and files folder, and waiting for what runs in the background.</summary>
public static class KeptSongs
{
    public static KeptAudioStore Store(ProducerServer server) => server.Services.GetRequiredService<KeptAudioStore>();

    /// <summary>The song's recipe as stored with it, and the key of its files' folder.</summary>
    public static (SongRecipe Recipe, string FileKey) Of(ProducerServer server, string id)
    {
        var db = server.Services.GetRequiredService<Database>();
        using var c = db.Open();
        using var cmd = Database.Command(c, "SELECT engine, file_key FROM songs WHERE id = @id", ("@id", id));
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read(), $"song {id} is stored");
        return (JsonSerializer.Deserialize<SongRecipe>(r.GetString(0))!, r.GetString(1));
    }

    /// <summary>Waits until the stems made ahead are done and everything handed to the store is written.</summary>
    public static async Task SettledAsync(ProducerServer server)
    {
        var ahead = server.Services.GetRequiredService<StemsAhead>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (ahead.Waiting > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, ahead.Waiting);
        await Store(server).WhenWrittenAsync(CancellationToken.None);
    }

    /// <summary>A song's stems, one WAV per part group, as an all_stems request hands them out.</summary>
    /// <remarks>Also says how long the request took to answer (the zip's download not counted).</remarks>
    public static async Task<(Dictionary<string, short[]> Stems, double Seconds)> AllStemsAsync(ProducerServer server, string id)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "all_stems", audio_id = id });
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.True(status == 200, body.GetRawText());
        return (Wav.ReadZip(await server.DownloadAsync(body.GetProperty("data")[0].GetProperty("stems_url").GetString()!, ".zip")), seconds);
    }

    /// <summary>A song's audio as a 16-bit WAV holds it (interleaved), the way the server's WAV writer rounds.</summary>
    public static short[] Sixteen(AudioBuffer a)
    {
        var s = new short[a.Frames * 2];
        for (int i = 0; i < a.Frames; i++)
        {
            s[2 * i] = (short)Math.Clamp(Math.Round(a.Left[i] * 32767.0), -32768, 32767);
            s[2 * i + 1] = (short)Math.Clamp(Math.Round(a.Right[i] * 32767.0), -32768, 32767);
        }
        return s;
    }

    /// <summary>How many samples of two interleaved songs differ (over the shorter).</summary>
    public static int Differing(short[] a, short[] b) => Enumerable.Range(0, Math.Min(a.Length, b.Length)).Count(i => a[i] != b[i]);
}
