using System.Globalization;
using System.Text.Json;

namespace OpenProducer.Server.Tests.Support;

/// <summary>A server and one song made on it from <paramref name="request"/>, shared by the tests of a class.</summary>
public abstract class SongFixture(object request) : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;
    public JsonElement Song { get; private set; }
    public string Id => Song.GetProperty("id").GetString()!;
    public double Duration => double.Parse(Song.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);

    public virtual async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        Song = body.GetProperty("data")[0].Clone();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A 30-second instrumental.</summary>
public sealed class ShortSongFixture() : SongFixture(new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true, seed = 5 })
{
    public string AudioId => Id;
}
