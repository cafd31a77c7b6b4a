using System.Globalization;
using OpenProducer.Client.Core;
using Spectre.Console;

namespace OpenProducer.Server.Cli.Client;

/// <summary>
/// A task's progress on standard error: a live bar on a terminal, else one plain line per change
/// (<c>generate: running 40% (12 s)</c>).
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing what it reports.</summary>
    public static async Task<T> RunAsync<T>(Terminal terminal, string label, Func<IProgress<TaskProgress>, Task<T>> work)
    {
        if (!terminal.Live) return await work(new Reporter(p => Console.Error.WriteLine(Line(label, p))));
        T result = default!;
        await terminal.Error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Markup.Escape(label), maxValue: 100);
                bar.IsIndeterminate = true;
                result = await work(new Reporter(p =>
                {
                    bar.Description = Markup.Escape($"{label} ({p.State})");
                    if (p.Percent is not int percent) return;
                    bar.IsIndeterminate = false;
                    bar.Value = percent;
                }));
                bar.Value = 100;
                bar.StopTask();
            });
        return result;
    }

    /// <summary>One change of a task as a plain line.</summary>
    public static string Line(string label, TaskProgress p) =>
        $"{label}: {p.State}{(p.Percent is int n ? $" {n}%" : "")} ({p.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)";

    /// <summary>Reports on the thread that reports (the polling loop), in order.</summary>
    private sealed class Reporter(Action<TaskProgress> report) : IProgress<TaskProgress>
    {
        public void Report(TaskProgress value) => report(value);
    }
}
