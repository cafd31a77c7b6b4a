using System.CommandLine;
using OpenProducer.Engine.Render;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Songs;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Cli;

/// <summary><c>producer serve [--port N] [--data DIR] [--public-url URL] [--workers N] [--database URL]</c>.</summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var port = Values.WholeNumber("--port", "The port to listen on (default: 8080; 0 picks a free one).");
        var data = Values.DataDir();
        var publicUrl = new Option<string?>("--public-url") { HelpName = "URL", Description = "The base of the URLs the API hands out (default: http://HOST:PORT)." };
        var host = new Option<string>("--host") { HelpName = "ADDRESS", Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var workers = Values.WholeNumber("--workers", "How many songs are made at once (default: PRODUCER_WORKERS, else by the cores).");
        var database = Values.DatabaseUrl();
        var command = new Command("serve", "Runs the server, and prints its address and your local API token.") { port, data, publicUrl, host, workers, database };
        command.SetAction((p, _) =>
        {
            var options = new ServerOptions
            {
                Port = p.GetValue(port) ?? new ServerOptions().Port,
                DataDir = p.GetValue(data)!,
                PublicUrl = p.GetValue(publicUrl),
                Host = p.GetValue(host)!,
                DatabaseUrl = p.GetValue(database),
            };
            return RunAsync(options, p.GetValue(workers));
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerOptions given, int? workers)
    {
        var options = ServerOptions.FromEnvironment(given);
        if (workers is int w) options = options with { Workers = Math.Max(0, w) };
        if (NativeLibraryCheck.FluidSynthProblem() is string problem)
        {
            Console.Error.WriteLine(problem);
            return 1;
        }
        options = options with { AdminToken = options.AdminToken ?? LocalSecret(options, "admin-token", () => "opadm_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))) };
        WebApplication app;
        try
        {
            app = ServerApp.Build(options);
        }
        catch (DataFolderInUseException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        await app.StartAsync();
        // Requests are answered while the engine warms; the server says it is listening once a song costs what every song does.
        if (app.Services.GetServices<IHostedService>().OfType<EngineWarmup>().FirstOrDefault() is { } warmup) await warmup.Ready;
        string baseUrl = options.BaseUrl(ServerApp.BoundPort(app));
        string token = LocalToken(options);
        Console.WriteLine($"""

            OpenProducer is listening on {baseUrl} (data in {Path.GetFullPath(options.DataDir)}, {(options.DatabaseUrl is null ? "SQLite" : "PostgreSQL")}, {options.Workers} workers).
            Your local API token: {token}

            Try it:
              curl -X POST '{baseUrl}/producer/audios' \
                -H 'authorization: Bearer {token}' \
                -H 'content-type: application/json' \
                -d '{"{"}"action": "generate", "model": "FUZZ-2.0", "prompt": "A song for Christmas"{"}"}'

            The admin API (/admin/…) takes the token in {Path.GetFullPath(Path.Combine(options.DataDir, "admin-token"))}
            (or PRODUCER_ADMIN_TOKEN); see the README.
            The API's reference: {baseUrl}/docs (the OpenAPI document: {baseUrl}/openapi.json).
            The studio, in a browser on this machine (it fills in the local token): {baseUrl}/studio/

            Press Ctrl+C to stop.
            """);
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The operator's own token for this data folder, created on first start. Tokens are stored hashed, so
    /// its plaintext is kept in a file only the owner can read, to print the example on every start.
    /// </summary>
    private static string LocalToken(ServerOptions options) =>
        LocalSecret(options, "local-token", () => new TokenStore(Database.For(options)).Create("local", null).Token);

    /// <summary>A secret kept in a file of the data folder that only its owner can read, made on first use.</summary>
    private static string LocalSecret(ServerOptions options, string name, Func<string> make)
    {
        string path = Path.Combine(options.DataDir, name);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(options.DataDir);
        string secret = make();
        try
        {
            // Created readable by its owner only, and only if no other process made it first.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new StreamWriter(path, create);
            file.Write(secret + "\n");
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
    }
}
