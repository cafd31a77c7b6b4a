namespace OpenProducer.Server.Cli;

/// <summary>A tiny parser for "verb [subverb] --flag value" command lines.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _flags = new();

    public List<string> Verbs { get; } = [];

    public static Arguments Parse(string[] args)
    {
        var a = new Arguments();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--"))
            {
                string name = args[i][2..];
                int eq = name.IndexOf('=');
                if (eq >= 0) a._flags[name[..eq]] = name[(eq + 1)..];
                else a._flags[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
            }
            else a.Verbs.Add(args[i]);
        }
        return a;
    }

    public string? Get(string name) => _flags.GetValueOrDefault(name);

    public int? Int(string name)
    {
        string? v = Get(name);
        if (v is null) return null;
        return int.TryParse(v, out int n) ? n : throw new ArgumentException($"--{name} must be a whole number, not '{v}'");
    }

    public long? Long(string name)
    {
        string? v = Get(name);
        if (v is null) return null;
        return long.TryParse(v, out long n) && n >= 0 ? n : throw new ArgumentException($"--{name} must be a whole number of credits, not '{v}'");
    }

    /// <summary>Refuses flags the command does not know, so a typo is not silently ignored.</summary>
    public void Allow(params string[] known)
    {
        var unknown = _flags.Keys.Except(known).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option --{unknown[0]} (known: {string.Join(", ", known.Select(k => "--" + k))})");
    }
}
