using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>
/// A server as a public deployment runs it: private callback URLs refused. Rate limits are set far above what the
/// storm sends, so every answer is about the request itself.
/// </summary>
public sealed class FuzzServerFixture : IAsyncLifetime
{
    public const long Balance = 1_000_000;
    public const string AdminToken = "opadm_fuzz_admin_token";

    public ProducerServer Server { get; private set; } = null!;

    /// <summary>The storm's token: an application holding <see cref="Balance"/> credits, so every charge shows.</summary>
    public Storage.NewToken App { get; private set; } = null!;

    /// <summary>
    /// The real guard for user URLs, no rate limits (the storm is thousands of requests from one token; a flood of
    /// guessed tokens has a server of its own), and the admin API on.
    /// </summary>
    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync(configure: o => o with
        {
            AllowPrivateUrls = false, CallbackMaxAttempts = 1, RateLimitPerMinute = 0, AppRateLimitPerMinute = 0, AuthFailuresPerMinute = 0, AdminToken = AdminToken,
        });
        App = new Storage.TokenStore(new Storage.Database(Server.Options.DatabasePath)).Create("fuzz", Balance);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// A bounded, seeded fuzz run over real HTTP: a few thousand malformed and hostile requests across every endpoint,
/// then a check that the server still answers. No request may start a song: every /producer/audios body carries at
/// least one invalid field (a "poison" read late, so the fields before it are still read), and the file endpoints
/// name songs that do not exist.
/// </summary>
public partial class FuzzTests(FuzzServerFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzServerFixture>
{
    private const int Seed = 20_240_917;
    private const int RandomRequests = 2_100;
    private const int Parallelism = 8;
    private const string DefaultAuth = "\u0001default";
    private const string BadBytes = "@@BAD_UTF8@@";

    private ProducerServer Server => fixture.Server;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private enum Mutation
    {
        WrongType, Remove, HostileString, HugeString, NumberEdge, DeepNesting, LongArray, ManyKeys, DuplicateKeys, InvalidUtf8,
        Truncated, RootNotObject, ContentType, Header, UnknownAction, MethodOrPath, UrlField,
    }

    /// <summary>What an answer must be: Allow2xx false means the request must be refused (any 4xx).</summary>
    /// <summary>
    /// Framework: Kestrel answers this before the application sees it (header too large, NUL in the path), so an
    /// answer outside the error shape is noted, not failed.
    /// </summary>
    private sealed record Expect(bool Allow2xx, int? Status = null, string[]? Codes = null, string? Mentions = null, bool Framework = false)
    {
        public static readonly Expect Any = new(true);
        public static readonly Expect Refused = new(false);
        public static Expect Bad(string? mentions = null) => new(false, 400, ["bad_request"], mentions);
        public static Expect Error(int status, params string[] codes) => new(false, status, codes);
    }

    private sealed record Probe(string Family, string Summary, HttpMethod Method, string Path, byte[]? Body, Expect Expect,
        string? Auth = DefaultAuth, string? ContentType = "application/json", bool Raw = false, bool Chunked = false);

    private sealed record Answer(int Status, string? ContentType, byte[] Body);

    private sealed class Finding(string example, int status, string excerpt)
    {
        public string Example { get; } = example;
        public int Status { get; } = status;
        public string Excerpt { get; } = excerpt;
        public int Count { get; set; } = 1;
    }

    private readonly Dictionary<string, Finding> _failures = new();
    private readonly Dictionary<string, Finding> _notes = new();
    private readonly Dictionary<string, int> _statuses = new();
    private readonly Dictionary<string, int> _codes = new();
    private readonly Lock _lock = new();

    [Fact]
    public async Task A_storm_of_malformed_and_hostile_requests_gets_clean_errors_and_leaves_the_server_answering()
    {
        var random = new Random(Seed);
        var probes = new List<Probe>();
        probes.AddRange(HostileFieldProbes());
        probes.AddRange(CallbackProbes());
        probes.AddRange(AuthProbes(random));
        probes.AddRange(PathProbes());
        probes.AddRange(BodyProbes());
        probes.AddRange(AttackProbes());
        int fixedCount = probes.Count;
        for (int i = 0; i < RandomRequests; i++) probes.Add(RandomProbe(random));

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (probe, ct) => await RunAsync(probe));
        var stormTime = clock.Elapsed;

        await CheckStillAnsweringAsync();
        await CheckChargesAsync();
        clock.Stop();

        output.WriteLine($"{probes.Count} requests ({fixedCount} fixed probes, {RandomRequests} random, seed {Seed}) in {stormTime.TotalSeconds:0.0} s; whole test {clock.Elapsed.TotalSeconds:0.0} s.");
        output.WriteLine("Statuses: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Error codes: " + string.Join(", ", _codes.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        // The worst first: crashes and silence, then wrong acceptances, then the rest.
        static int Rank(string key) => key.StartsWith("status >= 500") || key.StartsWith("no answer") ? 0 : key.StartsWith("accepted") ? 1 : key.Contains("after the storm") ? 2 : 3;
        static List<string> Lines(Dictionary<string, Finding> findings) => findings.OrderBy(f => Rank(f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f =>
            $"- {f.Key} (×{f.Value.Count})\n    e.g. {f.Value.Example}\n    → {f.Value.Status}: {f.Value.Excerpt}").ToList();
        var report = Lines(_failures);
        output.WriteLine($"{_failures.Count} distinct failures:");
        foreach (var line in report) output.WriteLine(line);
        output.WriteLine($"{_notes.Count} notes (outside what the application controls):");
        foreach (var line in Lines(_notes)) output.WriteLine(line);

        Assert.True(probes.Count >= 2_000);
        Assert.True(_failures.Count == 0,
            $"{_failures.Count} distinct failures over {probes.Count} requests (showing up to 20):\n{string.Join("\n", report.Take(20))}");
    }

    // ---------------------------------------------------------------- helpers

    private string? AuthHeader(string? auth) => auth == DefaultAuth ? "Bearer " + fixture.App.Token : auth;

    private static bool IsJsonObject(string text)
    {
        try { return JsonDocument.Parse(text).RootElement.ValueKind == JsonValueKind.Object; }
        catch (JsonException) { return false; }
    }

    private static string Q(string s) => JsonSerializer.Serialize(s, Relaxed);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static string PickString(Random r, string[] fields)
    {
        string[] strings = fields.Where(StringFields.Contains).ToArray();
        return strings.Length > 0 ? Pick(r, strings) : Pick(r, fields);
    }

    private static string RandomGuid(Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string RandomText(Random r, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!#$%&'*^`|";
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = alphabet[r.Next(alphabet.Length)];
        return new string(chars);
    }

    private static byte[] Replace(byte[] data, byte[] marker, byte[] with)
    {
        int at = data.AsSpan().IndexOf(marker);
        return at < 0 ? data : [.. data[..at], .. with, .. data[(at + marker.Length)..]];
    }

    private static string Excerpt(string text, int max)
    {
        string flat = text.Replace("\r", "\\r").Replace("\n", "\\n");
        return flat.Length <= max ? flat : flat[..max] + $"… ({text.Length:N0} chars)";
    }
}
