using System.Diagnostics;
using OpenProducer.Engine.Analysis;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests.Analysis;

/// <summary>
/// The corpus rendered once and analysed (two at a time), shared by the tests of the class. The songs are rendered
/// one after another: sung lines rendered concurrently have come out slightly different, and the truth should not
/// depend on scheduling.
/// </summary>
public sealed class AnalysedCorpus
{
    public IReadOnlyList<(CorpusSong Song, RecordingAnalysis Analysis, AnalysisScore Score, double Seconds)> Songs { get; }

    public AnalysedCorpus()
    {
        var requests = AnalysisCorpus.Requests;
        var results = new (CorpusSong, RecordingAnalysis, AnalysisScore, double)[requests.Count];
        var songs = requests.Select(r => AnalysisCorpus.Make(r.Prompt, r.Sung, r.Seed, r.SoundFont)).ToList();
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var song = songs[i];
            var clock = Stopwatch.StartNew();
            var analysis = RecordingAnalyzer.Analyze(song.Audio, CancellationToken.None);
            results[i] = (song, analysis, AnalysisScore.Of(analysis, song.Truth), clock.Elapsed.TotalSeconds);
        });
        Songs = results;
    }
}

/// <summary>
/// The analysis measured against the truth of songs the composer wrote (its score knows the tempo, metre, key,
/// sections and sung notes) and rendered with two different General MIDI SoundFonts: the acceptance figures.
/// </summary>
public class RecordingAnalyzerTests(AnalysedCorpus corpus, ITestOutputHelper output) : IClassFixture<AnalysedCorpus>
{
    private IEnumerable<AnalysisScore> Scores => corpus.Songs.Select(s => s.Score);

    private void Report(string what, Func<(CorpusSong Song, RecordingAnalysis Analysis, AnalysisScore Score, double Seconds), string> line)
    {
        foreach (var s in corpus.Songs) output.WriteLine($"{s.Song.Truth.Name}: {what} {line(s)}");
    }

    [Fact]
    public void The_corpus_covers_tempos_metres_modes_and_sung_and_instrumental_songs()
    {
        var truths = corpus.Songs.Select(s => s.Song.Truth).ToList();
        Assert.True(truths.Count >= 10);
        Assert.Contains(truths, t => t.BeatsPerBar == 3);
        Assert.Contains(truths, t => t.BeatsPerBar == 4);
        Assert.Contains(truths, t => t.Minor);
        Assert.Contains(truths, t => !t.Minor);
        Assert.True(truths.Max(t => t.Tempo) - truths.Min(t => t.Tempo) >= 60);
        Assert.True(truths.Count(t => t.Sung.Count > 0) >= 5);
        Assert.Contains(truths, t => t.Sung.Count == 0);
    }

    [Fact]
    public void Tempo_is_within_4_percent_half_or_double_for_90_percent_of_songs()
    {
        Report("tempo", s => $"{s.Analysis.Tempo:F1} (truth {s.Song.Truth.Tempo})");
        double share = Scores.Count(s => s.TempoRight) / (double)corpus.Songs.Count;
        output.WriteLine($"tempo right: {share:P1}");
        Assert.True(share >= 0.9, $"tempo right for {share:P1}");
    }

    [Fact]
    public void Metre_is_right_for_90_percent_of_songs()
    {
        Report("beats per bar", s => $"{s.Analysis.BeatsPerBar} (truth {s.Song.Truth.BeatsPerBar})");
        double share = Scores.Count(s => s.MetreRight) / (double)corpus.Songs.Count;
        Assert.True(share >= 0.9, $"metre right for {share:P1}");
    }

    [Fact]
    public void Downbeats_are_within_70_ms_for_80_percent_of_bars()
    {
        double recall = Scores.Sum(s => s.DownbeatsHit) / (double)Scores.Sum(s => s.Downbeats);
        double precision = Scores.Sum(s => s.DownbeatsHit) / (double)Scores.Sum(s => s.DownbeatsFound);
        Report("downbeats", s => $"{s.Score.DownbeatsHit}/{s.Score.Downbeats} (found {s.Score.DownbeatsFound})");
        output.WriteLine($"downbeats: {recall:P1} of bars hit, {precision:P1} of found downbeats right");
        Assert.True(recall >= 0.8, $"downbeats hit {recall:P1}");
        Assert.True(precision >= 0.7, $"downbeats right {precision:P1}");
    }

    [Fact]
    public void Key_or_its_relative_is_right_for_80_percent_of_songs()
    {
        Report("key", s => $"{s.Analysis.Key.Name} (truth {new MusicalKey(s.Song.Truth.KeyRoot, s.Song.Truth.Minor).Name})");
        double share = Scores.Count(s => s.KeyRight) / (double)corpus.Songs.Count;
        output.WriteLine($"key right: {share:P1}");
        Assert.True(share >= 0.8, $"key right for {share:P1}");
    }

    [Fact]
    public void Section_boundaries_are_within_1_5_s_for_70_percent()
    {
        double recall = Scores.Sum(s => s.BoundariesHit) / (double)Scores.Sum(s => s.Boundaries);
        double precision = Scores.Sum(s => s.BoundariesHit) / (double)Scores.Sum(s => s.BoundariesFound);
        Report("sections", s => string.Join(" ", s.Analysis.Sections.Select(p => $"{p.Label}/{p.Kind}@{p.Start:F1}")) +
            " truth " + string.Join(" ", s.Song.Truth.SectionStarts.Select(t => t.ToString("F1"))));
        output.WriteLine($"section boundaries: {recall:P1} hit, {precision:P1} of found boundaries right");
        Assert.True(recall >= 0.7, $"boundaries hit {recall:P1}");
        // Not bought with extra cuts: most boundaries found are real ones.
        Assert.True(precision >= 0.5, $"boundaries right {precision:P1}");
    }

    [Fact]
    public void The_sung_melody_has_70_percent_raw_pitch_accuracy()
    {
        var sung = corpus.Songs.Where(s => s.Song.Truth.Sung.Count > 0).ToList();
        Report("melody", s => $"{s.Score.PitchFramesRight}/{s.Score.PitchFrames} frames, {s.Analysis.Melody.Count} notes (truth {s.Song.Truth.Sung.Count})");
        double accuracy = sung.Sum(s => s.Score.PitchFramesRight) / (double)sung.Sum(s => s.Score.PitchFrames);
        output.WriteLine($"raw pitch accuracy over {sung.Count} sung songs: {accuracy:P1}");
        Assert.True(accuracy >= 0.7, $"raw pitch accuracy {accuracy:P1}");
    }

    [Fact]
    public void Loudness_is_the_mastered_level_and_the_analysis_is_deterministic_and_quick()
    {
        // The corpus is mastered to -14 LUFS.
        Assert.All(corpus.Songs, s => Assert.InRange(s.Analysis.IntegratedLufs, -15, -13));
        var first = corpus.Songs[0];
        var again = RecordingAnalyzer.Analyze(first.Song.Audio, CancellationToken.None);
        Assert.Equal(first.Analysis.Beats, again.Beats);
        Assert.Equal(first.Analysis.Key, again.Key);
        Assert.Equal(first.Analysis.Chords, again.Chords);
        Assert.Equal(first.Analysis.Sections, again.Sections);
        Assert.Equal(first.Analysis.Melody, again.Melody);
        double perMinute = corpus.Songs.Sum(s => s.Seconds) / corpus.Songs.Sum(s => s.Song.Audio.Seconds) * 60;
        output.WriteLine($"analysis: {perMinute:F2} s per minute of audio");
        // Generous: the machine is shared; the figure is printed above.
        Assert.True(perMinute < 10, $"{perMinute:F1} s per minute");
    }

    [Fact]
    public void Repeated_choruses_share_a_label_and_the_chorus_is_named()
    {
        static SongPart At(RecordingAnalysis a, double t) => a.Sections.Last(p => p.Start <= t);
        int named = 0, repeated = 0;
        foreach (var (song, a, _, _) in corpus.Songs)
        {
            var t = song.Truth;
            var ends = t.SectionStarts.Skip(1).Append(t.Downbeats[^1] + 60 / t.Tempo * t.BeatsPerBar).ToList();
            var middles = t.SectionLabels.Select((l, i) => (l.Kind, Middle: (t.SectionStarts[i] + ends[i]) / 2)).ToList();
            var choruses = middles.Where(m => m.Kind == Lyrics.SectionKind.Chorus).Select(m => At(a, m.Middle)).ToList();
            if (choruses.Count == 0) continue;
            if (choruses[0].Kind == Lyrics.SectionKind.Chorus) named++;
            output.WriteLine($"{t.Name}: chorus heard as {string.Join(", ", choruses.Select(c => $"{c.Label}/{c.Kind}"))}");
            if (choruses.Count < 2) continue;
            repeated++;
            Assert.All(choruses, c => Assert.Equal(choruses[0].Label, c.Label));
        }
        int withChorus = corpus.Songs.Count(s => s.Song.Truth.SectionLabels.Any(l => l.Kind == Lyrics.SectionKind.Chorus));
        output.WriteLine($"chorus named Chorus in {named}/{withChorus} songs; {repeated} songs repeat it");
        Assert.True(repeated >= 1);
        Assert.True(named >= 0.7 * withChorus, $"chorus named in {named}/{withChorus}");
    }

    [Fact]
    public void Each_bar_has_one_chord_and_sections_cover_the_song()
    {
        foreach (var (_, a, _, _) in corpus.Songs)
        {
            Assert.Equal(a.Downbeats.Count, a.Chords.Count);
            Assert.True(a.Sections.Count >= 2);
            for (int i = 1; i < a.Sections.Count; i++) Assert.Equal(a.Sections[i - 1].End, a.Sections[i].Start);
            Assert.True(a.Sections[^1].End >= a.DurationSeconds - 0.01);
        }
    }

    [Fact]
    public void A_missing_aubio_is_reported_as_a_sentence_naming_the_package()
    {
        // Installed here, the check passes; a library that is not there is named with the package to install.
        Assert.Null(AubioLibraryCheck.Problem());
        string? problem = AubioLibraryCheck.Problem("libaubio-absent.so.0");
        Assert.NotNull(problem);
        Assert.Contains("libaubio-absent.so.0 not found", problem);
        Assert.Contains("apt-get install libaubio5", problem);
    }
}
