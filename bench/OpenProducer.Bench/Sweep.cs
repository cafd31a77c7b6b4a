using OpenProducer.Server;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;
using OpenProducer.Tests.Support;

namespace OpenProducer.Bench;

/// <summary>
/// The prompt sweep: a real server on loopback (the production SoundFonts, two workers), the generated requests
/// sent over HTTP two at a time, each delivered file measured with aubio, a chroma key estimate and ebur128.
/// </summary>
public static class Sweep
{
    public static async Task RunAsync(int count, string outDir, ulong seedBase, bool verbose)
    {
        string data = Path.Combine(outDir, "sweep-data");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        var options = new ServerOptions { DataDir = data, Port = 0, Workers = 2, RateLimitPerMinute = 0, AppRateLimitPerMinute = 0 };
        var app = ServerApp.Build(options);
        await app.StartAsync();
        try
        {
            string token = new TokenStore(Database.For(options)).Create("sweep", null, null).Token;
            string baseUrl = $"http://127.0.0.1:{ServerApp.BoundPort(app)}";
            var results = await SweepRunner.RunAsync(baseUrl, token, PromptSweep.Cases(count, seedBase), parallel: 2, measureKey: true,
                r => { if (verbose || !r.Succeeded || !r.TempoOk || !r.KeyOk) Console.WriteLine(r); });
            Console.WriteLine($"sweep (seed base {seedBase}): {SweepRunner.Summary(results)}");
            foreach (var group in results.Where(r => r.Succeeded).GroupBy(r => r.Case.Label.Split(' ')[1]).OrderBy(g => g.Key))
                Console.WriteLine($"  {group.Key}: {group.Count()} songs, tempo {group.Count(r => r.TempoOk)}, key {group.Count(r => r.KeyOk)}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
