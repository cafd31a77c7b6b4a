namespace OpenProducer.Server.Storage;

/// <summary>A file written under a private name and given its public name only when complete: readers never see half of it.</summary>
public static class PublishedFile
{
    public static async Task WriteAsync(string path, Func<string, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string part = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await write(part);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }
    }
}
