using System.Security.Cryptography;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Files;

/// <summary>Folders for published files, each under an unguessable random key (the key is the link's secret).</summary>
public static class FileFolders
{
    public static (string Key, string Dir) Create(ServerOptions options)
    {
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string dir = Path.Combine(options.FilesDir, key);
        Directory.CreateDirectory(dir);
        return (key, dir);
    }
}
