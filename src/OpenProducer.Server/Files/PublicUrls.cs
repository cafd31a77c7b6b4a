namespace OpenProducer.Server.Files;

/// <summary>The base URL we put in audio_url and image_url; known once the server has bound its port.</summary>
public sealed class PublicUrls
{
    private string? _base;

    public string Base
    {
        get => _base ?? throw new InvalidOperationException("public URL not known before the server starts");
        set => _base = value.TrimEnd('/');
    }

    public string File(string key, string name) => $"{Base}/files/{key}/{name}";

    /// <summary>The live stream of the song a task is making.</summary>
    public string Live(string taskId) => $"{Base}/files/live/{taskId}.mp3";
}
