using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Lyrics;

/// <summary>
/// Asks an OpenAI-compatible chat endpoint (<c>POST {url}/chat/completions</c>) for a lyric sheet, when the operator
/// configured one. Its answer is used only if it reads as a sheet (tagged sections, enough lines); anything else,
/// a timeout or an error gives null, and the caller falls back to the built-in writer.
/// </summary>
public sealed partial class ChatLyricWriter(IHttpClientFactory clients, ServerOptions options, ILogger<ChatLyricWriter> log)
{
    private const string Instructions = """
        You write song lyrics. Answer with the first line "Title: <a short title>", then the lyric sheet only:
        sections tagged [Verse], [Pre-Chorus], [Chorus], [Verse 2], [Pre-Chorus], [Chorus], [Bridge], [Chorus],
        each tag on its own line, 2 to 4 short singable lines per section, lines that rhyme, the chorus the same
        each time. Write in the language of the request. No commentary.
        """;

    public bool Configured => options.LyricsUrl is not null;

    public async Task<WrittenSheet?> WriteAsync(string prompt, ulong seed, CancellationToken ct)
    {
        if (options.LyricsUrl is not { } url) return null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.LyricsTimeoutSeconds));
            using var request = new HttpRequestMessage(HttpMethod.Post, url.TrimEnd('/') + "/chat/completions")
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["model"] = options.LyricsModel,
                    ["messages"] = new JsonArray(
                        new JsonObject { ["role"] = "system", ["content"] = Instructions },
                        new JsonObject { ["role"] = "user", ["content"] = prompt }),
                    ["temperature"] = 0.8,
                    ["seed"] = (long)(seed & long.MaxValue),
                    ["max_tokens"] = 1200,
                }),
            };
            if (options.LyricsKey is { } key) request.Headers.Authorization = new("Bearer", key);
            using var response = await clients.CreateClient("lyrics").SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("lyrics endpoint answered {Status}; using the built-in writer", (int)response.StatusCode);
                return null;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonNode>(timeout.Token);
            string? content = body?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
            return content is null ? null : Read(content, prompt);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                   && !ct.IsCancellationRequested)
        {
            log.LogWarning("lyrics endpoint failed ({Reason}); using the built-in writer", e.Message);
            return null;
        }
    }

    /// <summary>The model's answer as a sheet: its title line taken off, accepted only with 2+ tagged sections and 8+ lines.</summary>
    internal static WrittenSheet? Read(string content, string prompt)
    {
        string text = content.Replace("\r\n", "\n").Trim();
        string title = "";
        var m = TitleLine().Match(text);
        if (m.Success)
        {
            title = m.Groups[1].Value.Trim().Trim('"', '*');
            text = text[(m.Index + m.Length)..].Trim();
        }
        var sections = LyricSheet.Parse(text);
        if (sections.Count(s => s.Lines.Count > 0) < 2 || sections.Sum(s => s.Lines.Count) < 8 || !text.TrimStart().StartsWith('['))
            return null;
        bool chinese = prompt.Any(Syllables.IsCjk);
        if (title.Length == 0) title = sections.SelectMany(s => s.Lines).First();
        return new WrittenSheet(title.Length > 80 ? title[..80] : title, text, chinese);
    }

    [GeneratedRegex(@"^\s*\**title\**\s*[:：]\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex TitleLine();
}
