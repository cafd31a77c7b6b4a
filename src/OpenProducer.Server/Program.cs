using OpenProducer.Server.Cli;

return await ProducerCommandLine.RunAsync(args);

/// <summary>Marker for tests and tooling.</summary>
public partial class Program;
