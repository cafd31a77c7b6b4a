using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OpenProducer.Server.Tests;

/// <summary>The storm's sending and checking: each probe sent (raw when it must be malformed), its answer judged, findings recorded.</summary>
public partial class FuzzTests
{
    private async Task RunAsync(Probe probe)
    {
        Answer answer;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            answer = probe.Raw ? await SendRawAsync(probe, cts.Token) : await SendAsync(probe, cts.Token);
        }
        catch (Exception e)
        {
            // Over the body limit the server answers before the upload ends and closes the connection; a client
            // still sending may see the reset instead of the answer.
            if (probe.Body is { Length: > 1024 * 1024 } && e is HttpRequestException)
                Record(_notes, "connection closed while a body over 1 MiB was still being sent", probe, 0, $"{e.GetType().Name}: {e.Message}");
            else Fail("no answer", probe, 0, $"{e.GetType().Name}: {e.Message}");
            return;
        }
        Check(probe, answer);
    }

    private async Task<Answer> SendAsync(Probe probe, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(probe.Method, Server.BaseUrl + probe.Path);
        if (AuthHeader(probe.Auth) is { } auth) request.Headers.TryAddWithoutValidation("Authorization", auth);
        if (probe.Body is not null)
        {
            HttpContent content = probe.Chunked ? new StreamContent(new MemoryStream(probe.Body)) : new ByteArrayContent(probe.Body);
            if (probe.Chunked) request.Headers.TransferEncodingChunked = true;
            if (probe.ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
            request.Content = content;
        }
        using var response = await Server.Http.SendAsync(request, ct);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(ct);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
    }

    /// <summary>One request over a plain socket, its path exactly as given.</summary>
    private async Task<Answer> SendRawAsync(Probe probe, CancellationToken ct)
    {
        var uri = new Uri(Server.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, ct);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder($"{probe.Method.Method} {probe.Path} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n");
        if (AuthHeader(probe.Auth) is { } auth) head.Append("Authorization: ").Append(auth).Append("\r\n");
        byte[] body = probe.Body ?? [];
        if (probe.Body is not null) head.Append("Content-Type: ").Append(probe.ContentType ?? "application/json").Append("\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        await stream.WriteAsync(body, ct);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        byte[] all = received.ToArray();
        int split = all.AsSpan().IndexOf("\r\n\r\n"u8);
        if (split < 0) throw new IOException($"no HTTP answer ({all.Length} bytes)");
        string[] lines = Encoding.ASCII.GetString(all, 0, split).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1]);
        string? contentType = null;
        bool chunked = false;
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
        }
        byte[] rest = all[(split + 4)..];
        return new Answer(status, contentType, chunked ? Dechunk(rest) : rest);
    }

    private static byte[] Dechunk(byte[] data)
    {
        using var result = new MemoryStream();
        int pos = 0;
        while (pos < data.Length)
        {
            int eol = data.AsSpan(pos).IndexOf("\r\n"u8);
            if (eol < 0) break;
            int size = Convert.ToInt32(Encoding.ASCII.GetString(data, pos, eol).Split(';')[0].Trim(), 16);
            pos += eol + 2;
            if (size == 0) break;
            result.Write(data, pos, Math.Min(size, data.Length - pos));
            pos += size + 2;
        }
        return result.ToArray();
    }

    private void Check(Probe probe, Answer answer)
    {
        int status = answer.Status;
        string text = Encoding.UTF8.GetString(answer.Body);
        lock (_lock) _statuses[status.ToString()] = _statuses.GetValueOrDefault(status.ToString()) + 1;

        if (status >= 500)
        {
            // One failure per answer: a 5xx says enough about what was expected of it.
            string? code500 = ErrorShapeProblem(answer, text, out string problem500);
            lock (_lock) _codes[code500 ?? "(none)"] = _codes.GetValueOrDefault(code500 ?? "(none)") + 1;
            Fail(problem500.Length > 0 ? "status >= 500, not in the spec's shape: " + problem500 : "status >= 500", probe, status, text);
            return;
        }
        if (probe.Path.StartsWith("/files", StringComparison.OrdinalIgnoreCase) && (text.StartsWith("SQLite format") || text.Contains("root:")))
            Fail("file outside the files folder served", probe, status, text);

        bool success = status is >= 200 and < 300;
        if (success) NoteAccepted(text);
        if (success && !probe.Expect.Allow2xx) Fail("accepted (2xx) a request that must be refused", probe, status, text);
        if (probe.Expect.Status is int want && status != want && !(success && probe.Expect.Allow2xx)) Fail($"status not {want}", probe, status, text);

        if (success)
        {
            // A 2xx from a Producer endpoint is JSON too.
            if (probe.Method != HttpMethod.Head && probe.Path.StartsWith("/producer/") && !IsJsonObject(text)) Fail("2xx answer not a JSON object", probe, status, text);
            return;
        }
        if (probe.Method == HttpMethod.Head) return;

        string? code = ErrorShapeProblem(answer, text, out string problem);
        lock (_lock) _codes[code ?? "(none)"] = _codes.GetValueOrDefault(code ?? "(none)") + 1;
        if (problem.Length > 0)
        {
            if (probe.Expect.Framework) Record(_notes, "answered by Kestrel outside the error shape: " + problem, probe, status, text);
            else Fail("error not in the spec's shape: " + problem, probe, status, text);
            return;
        }
        if (!KnownCodes.Contains(code)) Record(_notes, $"error code {code} is not one of the spec's codes", probe, status, text);
        if (probe.Expect.Codes is { } codes && !codes.Contains(code)) Fail($"error code not {string.Join("/", codes)}", probe, status, text);
        if (probe.Expect.Mentions is { } field && code == "bad_request")
        {
            string message = JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("message").GetString()!;
            if (!message.Contains(field, StringComparison.Ordinal)) Fail($"bad_request message does not name {field}", probe, status, text);
        }
    }

    /// <summary>The error's code, and what is wrong with the answer's shape ("" when nothing).</summary>
    private static string? ErrorShapeProblem(Answer answer, string text, out string problem)
    {
        problem = "";
        if (answer.ContentType is null || !answer.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"content type {answer.ContentType ?? "(none)"}";
            return null;
        }
        JsonElement root;
        try { root = JsonDocument.Parse(text).RootElement; }
        catch (JsonException) { problem = "body not JSON"; return null; }
        if (root.ValueKind != JsonValueKind.Object) { problem = "body not a JSON object"; return null; }
        string[] keys = root.EnumerateObject().Select(p => p.Name).ToArray();
        if (!keys.SequenceEqual(["success", "error", "trace_id"])) problem = $"keys [{string.Join(",", keys)}]";
        if (!root.TryGetProperty("success", out var s) || s.ValueKind != JsonValueKind.False) problem = "success is not false";
        if (!root.TryGetProperty("trace_id", out var t) || t.ValueKind != JsonValueKind.String || t.GetString()!.Length == 0) problem = "trace_id not a string";
        if (!root.TryGetProperty("error", out var e) || e.ValueKind != JsonValueKind.Object) { problem = "error not an object"; return null; }
        string? code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (string.IsNullOrEmpty(code)) problem = "error.code not a non-empty string";
        if (!e.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.String || m.GetString()!.Length == 0) problem = "error.message not a non-empty string";
        return code;
    }

    /// <summary>After the storm: a cheap lyrics request and a lookup of an unknown task still answer as documented.</summary>
    private async Task CheckStillAnsweringAsync()
    {
        var lyricsProbe = new Probe("after the storm", "POST /producer/lyrics {prompt}", HttpMethod.Post, "/producer/lyrics",
            Utf8("{\"prompt\":\"a quiet song about the sea after a storm\"}"), new Expect(true, 200));
        var taskProbe = new Probe("after the storm", "POST /producer/tasks retrieve unknown id", HttpMethod.Post, "/producer/tasks",
            Utf8("{\"action\":\"retrieve\",\"id\":\"" + Guid.NewGuid() + "\"}"), new Expect(true, 200));
        var healthProbe = new Probe("after the storm", "GET /healthz", HttpMethod.Get, "/healthz", null, new Expect(true, 200), Auth: null, ContentType: null);
        foreach (var probe in new[] { lyricsProbe, taskProbe, healthProbe })
        {
            Answer answer;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                answer = await SendAsync(probe, cts.Token);
            }
            catch (Exception e)
            {
                Fail("no answer after the storm", probe, 0, $"{e.GetType().Name}: {e.Message}");
                continue;
            }
            string text = Encoding.UTF8.GetString(answer.Body);
            if (answer.Status != 200) { Fail("not 200 after the storm", probe, answer.Status, text); continue; }
            NoteAccepted(text);
            if (probe == healthProbe) continue;
            var root = IsJsonObject(text) ? JsonDocument.Parse(text).RootElement : default;
            bool ok = probe == lyricsProbe
                ? root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                  && data.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0
                : root.ValueKind == JsonValueKind.Object && !root.EnumerateObject().Any();
            if (!ok) Fail("wrong answer after the storm", probe, answer.Status, text);
        }
    }

    private void Fail(string check, Probe probe, int status, string body) => Record(_failures, check, probe, status, body);

    private void Record(Dictionary<string, Finding> into, string check, Probe probe, int status, string body)
    {
        string code = "";
        if (IsJsonObject(body) && JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            code = " " + c.GetString();
        string key = $"{check} | {probe.Family} | {Endpoint(probe)} → {status}{code}";
        lock (_lock)
        {
            if (into.TryGetValue(key, out var known)) known.Count++;
            else into[key] = new Finding(probe.Summary.Length > 300 ? probe.Summary[..300] + "…" : probe.Summary, status, Excerpt(body, 240));
        }
    }

    /// <summary>The endpoint a probe went to, with ids and file names folded so one cause is one line.</summary>
    private static string Endpoint(Probe probe)
    {
        string path = probe.Path;
        int query = path.IndexOf('?');
        string last = (query < 0 ? path : path[..query]).Split('/')[^1];
        if (probe.Family is "unknown path" or "raw path" && last.Contains('.')) path = "<path whose last segment has a dot>";
        else if (path.StartsWith("/files/")) path = "/files/…";
        else if (path.StartsWith("/v1/songs/")) path = "/v1/songs/…";
        else if (path.Length > 40) path = path[..40] + "…";
        return $"{probe.Method} {path}";
    }
}
