using OpenProducer.Server.Cli;

try
{
    var a = Arguments.Parse(args);
    return a.Verbs.FirstOrDefault() switch
    {
        "serve" => await ServeCommand.RunAsync(a),
        "owner" => OwnerCommand.Run(a),
        "disk" => DiskCommand.Run(a),
        "app" when a.Verbs.ElementAtOrDefault(1) == "general" => OwnerCommand.Run(a),
        "token" or "app" => TokenCommand.Run(a),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine($"""
        usage: producer serve [--port N] [--data DIR] [--public-url URL] [--workers N] [--database URL]
               {TokenCommand.Usage}
               {OwnerCommand.Usage}
               {DiskCommand.Usage}
        """);
    return 2;
}

/// <summary>Marker for tests and tooling.</summary>
public partial class Program;
