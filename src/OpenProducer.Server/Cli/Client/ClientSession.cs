using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenProducer.Client;
using OpenProducer.Client.Core;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// One client verb's run: the client, where it writes, and whether to answer in JSON. Turns what went wrong into a
/// message on standard error and the exit code that says what it was (<see cref="ClientExitCodes"/>).
/// </summary>
public sealed class ClientSession
{
    private ClientSession(ProducerClient client, Terminal terminal, bool json, CancellationToken cancel)
    {
        Client = client;
        Terminal = terminal;
        Json = json;
        Cancel = cancel;
    }

    public ProducerClient Client { get; }

    public Terminal Terminal { get; }

    /// <summary>Whether standard output gets the raw answer (and nothing else).</summary>
    public bool Json { get; }

    public CancellationToken Cancel { get; }

    /// <summary>Sets <paramref name="command"/>'s action: <paramref name="work"/> with a connected session.</summary>
    public static void Handle(Command command, ClientOptions options, Func<ParseResult, ClientSession, Task<int>> work) =>
        command.SetAction((p, cancel) => RunAsync(p, options, work, cancel));

    private static async Task<int> RunAsync(ParseResult p, ClientOptions options, Func<ParseResult, ClientSession, Task<int>> work, CancellationToken cancel)
    {
        var terminal = Terminal.Detect();
        var endpoint = options.Endpoint(p);
        try
        {
            using var client = options.Connect(p);
            return await work(p, new ClientSession(client, terminal, p.GetValue(options.Json), cancel));
        }
        catch (ProducerException e)
        {
            terminal.Problem($"{e.Code}: {e.Message}" + (e.TraceId is null ? "" : $" (trace {e.TraceId})"));
            return ClientExitCodes.For(e);
        }
        catch (HttpRequestException e)
        {
            terminal.Problem($"cannot reach the server at {endpoint}: {e.Message}");
            return ClientExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            terminal.Problem($"the server at {endpoint} did not answer in time");
            return ClientExitCodes.Unreachable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Problem(e.Message);
            return ClientExitCodes.Failed;
        }
    }

    /// <summary>
    /// Follows a task to its finish with a progress display on standard error, and returns its answer with the raw
    /// answer the server recorded for it.
    /// </summary>
    public async Task<(ProducerResult<T> Result, JsonElement Raw)> FollowAsync<T>(string label, ProducerOperation<T> operation)
    {
        operation.PollingInterval = TimeSpan.FromMilliseconds(500);
        var result = await ProgressDisplay.RunAsync(Terminal, label, progress => operation.WaitForCompletionAsync(progress, Cancel));
        var task = await Client.Tasks.GetAsync(operation.TaskId, Cancel);
        return (result, task?.Response ?? default);
    }

    /// <summary>Writes JSON to standard output as one document.</summary>
    public static void PrintJson(JsonElement json) => Console.Out.WriteLine(json.GetRawText());

    /// <summary>Writes a value as JSON to standard output.</summary>
    public static void PrintJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Saves a file the API linked to at <paramref name="path"/>, and says so (on standard error under <c>--json</c>).</summary>
    public async Task SaveAsync(Uri? url, string? path)
    {
        if (path is null) return;
        if (url is null) throw new ProducerException(200, ProducerErrorCode.Unknown, "The answer has no file to save.", null);
        byte[] bytes = await Client.Files.GetBytesAsync(url, Cancel);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(path, bytes, Cancel);
        string saved = $"saved {path} ({bytes.Length} bytes)";
        if (Json) Console.Error.WriteLine(saved);
        else Terminal.Field("saved", $"{path} ({bytes.Length} bytes)");
    }

    /// <summary>The SDK's records as the wire has them: their named fields, not the helpers computed from them.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WireFieldsOnly } },
    };

    private static void WireFieldsOnly(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("OpenProducer.Client", StringComparison.Ordinal) != true) return;
        foreach (var property in type.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(JsonPropertyNameAttribute), true) != true).ToList())
            type.Properties.Remove(property);
    }
}
