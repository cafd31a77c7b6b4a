using System.Text.Json;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests.Support;

/// <summary>One generated song as the sound tests see it: the request, the song's details, its MIDI and its delivered audio.</summary>
public sealed record SoundSample(SweepCase Case, JsonElement Details, MidiSong Midi, string Audio)
{
    public string Genre => Details.GetProperty("genre").GetString()!;
    public bool Sung => Details.GetProperty("lines").GetArrayLength() > 0;
    public bool Machine => Details.GetProperty("machine_played").GetBoolean();
    public double Swing => Details.GetProperty("swing").GetDouble();
    public override string ToString() => $"{Case.Label} ({Genre})";

    /// <summary>The song's sections from its details: label, kind, and start and end in seconds of the delivered audio.</summary>
    public IEnumerable<(string Label, string Kind, double Start, double End)> Sections =>
        Details.GetProperty("sections").EnumerateArray().Select(s =>
            (s.GetProperty("label").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble()));
}

/// <summary>
/// Songs for the sound tests: requests from the prompt sweep (none tuned for), made over HTTP by a real server,
/// each with its details, its exported MIDI and its m4a downloaded.
/// </summary>
public sealed class SoundSamplesFixture : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;
    public List<SoundSample> Samples { get; } = [];

    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        var cases = PromptSweep.Cases(16, seedBase: 720_000).ToList();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, _) =>
        {
            using var response = await Server.PostAsync("/producer/audios", c.Json);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
            Assert.True(response.IsSuccessStatusCode, $"{c.Label}: {doc.RootElement.GetRawText()}");
            var item = doc.RootElement.GetProperty("data")[0];
            string id = item.GetProperty("id").GetString()!;
            var (_, details) = await Server.GetJsonAsync($"/v1/songs/{id}");
            var (_, download) = await Server.PostJsonAsync("/producer/download", new { audio_id = id, format = "midi" });
            using var plain = new HttpClient();
            var midi = MidiReader.Read(await plain.GetByteArrayAsync(download.GetProperty("data").GetProperty("file_url").GetString(), CancellationToken.None));
            string audio = await Server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
            lock (Samples) Samples.Add(new SoundSample(c, details, midi, audio));
        });
        Samples.Sort((a, b) => a.Case.Index.CompareTo(b.Case.Index));
    }

    public async Task DisposeAsync()
    {
        foreach (var s in Samples) File.Delete(s.Audio);
        await Server.DisposeAsync();
    }
}
