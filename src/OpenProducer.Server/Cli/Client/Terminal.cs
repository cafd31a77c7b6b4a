using Spectre.Console;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// Where the client writes: answers to standard output, progress and errors to standard error. Live (a progress bar,
/// colours) only on a terminal; with output redirected, <c>CI</c> set or <c>TERM=dumb</c>, plain lines without control codes.
/// </summary>
public sealed class Terminal
{
    private Terminal(bool live)
    {
        Live = live;
        Out = Console(System.Console.Out, live);
        Error = Console(System.Console.Error, live);
    }

    /// <summary>Whether progress is drawn live (a terminal) rather than written as lines.</summary>
    public bool Live { get; }

    /// <summary>Standard output.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>The terminal this process has.</summary>
    public static Terminal Detect()
    {
        bool ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("CI") != "false";
        bool dumb = Environment.GetEnvironmentVariable("TERM") is "dumb";
        return new Terminal(!System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected && !ci && !dumb);
    }

    /// <summary>A line as it is, with no markup read into it.</summary>
    public void WriteLine(string text)
    {
        if (Live) Out.WriteLine(text);
        else System.Console.Out.WriteLine(text);
    }

    /// <summary>A labelled value of the answer: bold on a terminal, "label: value" everywhere.</summary>
    public void Field(string label, object? value)
    {
        if (value is null || value is string { Length: 0 }) return;
        string text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (!Live)
        {
            System.Console.Out.WriteLine($"{label}: {text}");
            return;
        }
        // The value as it is, not wrapped at the terminal's width: a link stays one that can be copied.
        Out.Markup($"[bold]{Markup.Escape(label)}:[/] ");
        System.Console.Out.WriteLine(text);
    }

    /// <summary>A message to standard error (red on a terminal).</summary>
    public void Problem(string text)
    {
        if (Live) Error.MarkupLine($"[red]{Markup.Escape(text)}[/]");
        else System.Console.Error.WriteLine(text);
    }

    private static IAnsiConsole Console(TextWriter writer, bool live) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = live ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
