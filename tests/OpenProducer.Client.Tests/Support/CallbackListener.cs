using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenProducer.Server;

namespace OpenProducer.Client.Tests.Support;

/// <summary>A callback receiver of the test's own on a loopback port: it keeps each delivery's headers and raw body.</summary>
public sealed class CallbackListener : IAsyncDisposable
{
    public sealed record Delivery(string? Timestamp, string? Signature, byte[] Body);

    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;

    public static async Task<CallbackListener> StartAsync()
    {
        var listener = new CallbackListener();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", async (Microsoft.AspNetCore.Http.HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            listener._deliveries.Writer.TryWrite(new Delivery(
                http.Request.Headers["X-Producer-Timestamp"].ToString(), http.Request.Headers["X-Producer-Signature"].ToString(), body.ToArray()));
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await app.StartAsync();
        listener._app = app;
        listener.Url = new Uri($"http://127.0.0.1:{ServerApp.BoundPort(app)}/hook");
        return listener;
    }

    /// <summary>The next delivery (bounded wait).</summary>
    public async Task<Delivery> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _deliveries.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
