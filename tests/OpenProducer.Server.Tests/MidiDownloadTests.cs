using System.Text.Json;
using OpenProducer.Engine;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>One short sung song for the MIDI downloads to work on.</summary>
public sealed class MidiSongFixture : IAsyncLifetime
{
    public const string Lyric = "[Verse]\nPaper boats along the stream\nCarry every little dream\n[Chorus]\nSail away and sail away\nHome before the end of day";

    public ProducerServer Server { get; private set; } = null!;
    public string Id { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await ProducerServer.StartAsync();
        var (status, body) = await Server.PostJsonAsync("/producer/audios",
            new { action = "generate", custom = true, lyric = Lyric, prompt = "bossa nova with brushed drums", title = "Paper Boats", seed = 31 });
        Assert.True(status == 200, body.GetRawText());
        Id = body.GetProperty("data")[0].GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// <c>POST /producer/download</c> with <c>format: "midi"</c> through the HTTP pipeline: the file is read with the
/// tests' own MIDI reader and checked against the song's details and, note by note, against its score composed
/// again from the stored recipe; an external synth plays it.
/// </summary>
public class MidiDownloadTests(MidiSongFixture fixture) : IClassFixture<MidiSongFixture>
{
    private ProducerServer Server => fixture.Server;

    private async Task<JsonElement> Download(string id, string format = "midi")
    {
        var (status, answer) = await Server.PostJsonAsync("/producer/download", new { audio_id = id, format });
        Assert.True(status == 200, answer.GetRawText());
        return answer;
    }

    private async Task<(MidiSong Midi, byte[] Bytes, string Url)> Midi(string id)
    {
        string url = (await Download(id)).GetProperty("data").GetProperty("file_url").GetString()!;
        byte[] bytes = await Fetch(url);
        return (MidiReader.Read(bytes), bytes, url);
    }

    /// <summary>A song file's bytes, fetched without a token as any player would.</summary>
    private static async Task<byte[]> Fetch(string url)
    {
        using var plain = new HttpClient();
        return await plain.GetByteArrayAsync(url);
    }

    private async Task<JsonElement> Details(string id)
    {
        var (status, details) = await Server.GetJsonAsync("/v1/songs/" + id);
        Assert.Equal(200, status);
        return details;
    }

    /// <summary>The song's stored recipe, for the score the export must hold.</summary>
    private SongRecipe Recipe(string id)
    {
        using var c = Database.For(Server.Options).Open();
        using var cmd = Database.Command(c, "SELECT engine FROM songs WHERE id = @id", ("@id", id));
        return JsonSerializer.Deserialize<SongRecipe>((string)cmd.ExecuteScalar()!)!;
    }

    private string StoredFile(string url) => Path.Combine(Server.Options.FilesDir, url.Split("/files/")[1]);

    /// <summary>A key name as the details spell it ("Eb minor") as a pitch class and mode.</summary>
    private static (int PitchClass, bool Minor) ParseKey(string name)
    {
        var (note, mode) = (name.Split(' ')[0], name.Split(' ')[1]);
        int pc = "C D EF G A B".IndexOf(note[0]) + (note.Length > 1 ? note[1] == '#' ? 1 : -1 : 0);
        return ((pc + 12) % 12, mode == "minor");
    }

    [Fact]
    public async Task A_midi_download_holds_the_songs_parts_tempo_metre_key_sections_and_sung_syllables()
    {
        var answer = (await Download(fixture.Id)).GetProperty("data");
        Assert.Equal(["audio_id", "title", "format", "file_url"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal((fixture.Id, "Paper Boats", "midi"), (answer.GetProperty("audio_id").GetString(), answer.GetProperty("title").GetString(), answer.GetProperty("format").GetString()));
        string url = answer.GetProperty("file_url").GetString()!;
        Assert.EndsWith($"/{fixture.Id}.mid", url);
        using (var plain = new HttpClient())
        using (var response = await plain.GetAsync(url))
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        }

        var midi = MidiReader.Read(await Fetch(url));
        var details = await Details(fixture.Id);
        Assert.Equal((1, 960), (midi.Format, midi.TicksPerQuarter));
        Assert.Equal("Paper Boats", midi.Tracks[0].Name);
        Assert.Equal(details.GetProperty("tempo").GetDouble(), midi.Tempo, 0.01);
        Assert.Equal(details.GetProperty("time_signature").GetString(), $"{midi.TimeSignature.Numerator}/{midi.TimeSignature.Denominator}");
        Assert.Equal(ParseKey(details.GetProperty("key").GetString()!), (midi.Key!.TonicPitchClass, midi.Key.Minor));

        // One track per part, in the details' order, named by the part and playing its program; then the voice.
        var parts = details.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(parts.Count + 2, midi.Tracks.Count);
        for (int i = 0; i < parts.Count; i++)
        {
            var track = midi.Tracks[i + 1];
            Assert.StartsWith(parts[i].GetProperty("part").GetString() + " (", track.Name);
            if (track.IsDrums) continue;
            Assert.Equal(parts[i].GetProperty("preset").GetInt32(), track.Program);
            Assert.Contains(track.Name[(track.Name.IndexOf('(') + 1)..^1], details.GetProperty("instruments").EnumerateArray().Select(x => x.GetString()));
        }
        Assert.Single(midi.Tracks, t => t.IsDrums);

        // Beat 0 is tick 0: the details' times are the file's plus the audio's lead-in (where the first section starts).
        var sections = details.GetProperty("sections").EnumerateArray().ToList();
        double leadIn = sections[0].GetProperty("start").GetDouble();
        Assert.InRange(leadIn, 0, 0.2);
        Assert.Equal(sections.Select(s => s.GetProperty("label").GetString()), midi.Tracks[0].Markers.Select(m => m.Text));
        for (int i = 0; i < sections.Count; i++) Assert.Equal(sections[i].GetProperty("start").GetDouble(), midi.Tracks[0].Markers[i].Seconds + leadIn, 0.002);

        // The voice sings the melody's syllables, in order, at its pitches (moved by the voice's octave) and times.
        var vocal = midi.Tracks[^1];
        var melody = details.GetProperty("melody").EnumerateArray().ToList();
        int transpose = details.GetProperty("voice").GetProperty("transpose").GetInt32();
        Assert.Equal($"vocals ({(details.GetProperty("voice").GetProperty("gender").GetString() == "f" ? "female" : "male")} voice)", vocal.Name);
        Assert.Equal(melody.Select(m => m.GetProperty("syllable").GetString()), vocal.Lyrics.Select(l => l.Text.TrimEnd(' ')));
        Assert.Equal(melody.Select(m => m.GetProperty("pitch").GetInt32() + transpose), vocal.Notes.Select(n => n.Pitch));
        for (int i = 0; i < melody.Count; i++)
        {
            Assert.Equal(melody[i].GetProperty("start").GetDouble(), vocal.Notes[i].Start + leadIn, 0.002);
            Assert.Equal(vocal.Notes[i].StartTick, vocal.Lyrics[i].Tick);
        }
        // Put together, the syllables spell the sheet's words, each followed by a space (RP-017).
        Assert.Equal(string.Join(" ", MidiSongFixture.Lyric.Split('\n').Where(l => !l.StartsWith('['))) + " ", string.Concat(vocal.Lyrics.Select(l => l.Text)));

        // Every note and controller of the score, as composed again from the song's recipe.
        var song = SongEngine.Compose(Recipe(fixture.Id));
        MidiScoreAssert.PartsMatch(midi, song.Score);
        // The music ends where the audio does, less the ring after the last note.
        double duration = details.GetProperty("duration").GetDouble();
        Assert.InRange(midi.Notes.Max(n => n.End) + leadIn, duration - 6, duration);
    }

    [Fact]
    public async Task A_second_download_and_the_mid_spelling_give_the_same_file_without_writing_it_again_at_the_price_of_a_download()
    {
        var first = await Download(fixture.Id);
        string url = first.GetProperty("data").GetProperty("file_url").GetString()!;
        string file = StoredFile(url);
        var written = File.GetLastWriteTimeUtc(file);
        byte[] bytes = await Fetch(url);

        var again = (await Download(fixture.Id, "mid")).GetProperty("data");
        Assert.Equal(("midi", url), (again.GetProperty("format").GetString(), again.GetProperty("file_url").GetString()));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(bytes, await Fetch(url));

        var (_, record) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = first.GetProperty("task_id").GetString() });
        Assert.Equal(("download", 2L), (record.GetProperty("type").GetString(), record.GetProperty("credits").GetInt64()));
    }

    [Theory]
    [InlineData("midi2")]
    [InlineData("smf")]
    public async Task An_unknown_format_is_a_bad_request_that_names_format_and_lists_midi(string format)
    {
        using var response = await Server.PostAsync("/producer/download", JsonSerializer.Serialize(new { audio_id = fixture.Id, format }));
        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("bad_request", "format is invalid: it must be one of mp3, m4a, wav, flac, midi."), (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_cut_short_or_deleted_midi_file_is_made_again_byte_for_byte()
    {
        var (_, original, url) = await Midi(fixture.Id);
        string file = StoredFile(url);
        await File.WriteAllBytesAsync(file, original[..(original.Length * 2 / 3)]);
        Assert.Equal(original, (await Midi(fixture.Id)).Bytes);
        File.Delete(file);
        Assert.Equal(original, (await Midi(fixture.Id)).Bytes);
    }

    [Fact]
    public async Task An_extended_song_exports_the_whole_edited_score_with_the_new_lines()
    {
        var source = await Details(fixture.Id);
        double from = source.GetProperty("lines")[1].GetProperty("end").GetDouble();
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new
        {
            action = "extend", audio_id = fixture.Id, continue_at = from, custom = true, lyric = "[Bridge]\nRiver carry me along\nTo the ending of the song",
        });
        Assert.True(status == 200, body.GetRawText());
        string id = body.GetProperty("data")[0].GetProperty("id").GetString()!;

        var (midi, _, _) = await Midi(id);
        var details = await Details(id);
        var score = SongEngine.Compose(Recipe(id)).Score;
        MidiScoreAssert.PartsMatch(midi, score);
        Assert.Equal(details.GetProperty("sections").GetArrayLength(), midi.Tracks[0].Markers.Count);
        Assert.Equal(details.GetProperty("melody").EnumerateArray().Select(m => m.GetProperty("syllable").GetString()), midi.Tracks[^1].Lyrics.Select(l => l.Text.TrimEnd(' ')));
        // The kept verse's words come first, the extension's last.
        string words = string.Concat(midi.Tracks[^1].Lyrics.Select(l => l.Text));
        Assert.StartsWith("Paper boats along the stream Carry every little dream ", words);
        Assert.EndsWith("River carry me along To the ending of the song ", words);
        // Before the point it continues from, the edited song plays the source's notes exactly, part by part.
        var (original, _, _) = await Midi(fixture.Id);
        double kept = from - source.GetProperty("sections")[0].GetProperty("start").GetDouble();
        int compared = 0;
        foreach (var track in original.Tracks.Skip(1).Where(t => !t.Name.StartsWith("vocals", StringComparison.Ordinal)))
        {
            var edited = Assert.Single(midi.Tracks, t => t.Name == track.Name);
            var before = track.Notes.Where(n => n.End <= kept).Select(n => (n.Pitch, n.Velocity, n.StartTick, n.EndTick)).ToList();
            Assert.Equal(before, edited.Notes.Where(n => n.End <= kept).Select(n => (n.Pitch, n.Velocity, n.StartTick, n.EndTick)));
            compared += before.Count;
        }
        Assert.True(compared > 20, $"{compared} notes kept");
    }

    [Fact]
    public async Task FluidSynth_plays_the_file_to_its_end_with_sound_wherever_there_are_notes()
    {
        var (midi, bytes, _) = await Midi(fixture.Id);
        string dir = Directory.CreateTempSubdirectory("midi-play-").FullName;
        try
        {
            string mid = Path.Combine(dir, "song.mid"), wav = Path.Combine(dir, "song.wav");
            await File.WriteAllBytesAsync(mid, bytes);
            Media.Run("fluidsynth", $"-ni -g 0.5 -r 44100 -F \"{wav}\" \"{TestSoundFonts.Small}\" \"{mid}\"");
            // It plays the whole file, and every note it starts, it stops: two seconds after the file's end there is
            // only the last ring (a note-off it could not read would hold its note on).
            double end = midi.Notes.Max(n => n.End), length = midi.Seconds(midi.EndTick);
            Assert.InRange(length, end, end + 8);
            double rendered = Media.Duration(wav);
            Assert.True(rendered >= length, $"FluidSynth rendered {rendered:F1} s of a {length:F1} s file");
            var x = Media.DecodeMono(wav);
            // FluidSynth renders on while voices fade (2.3 renders several seconds more); the last half second is the quietest it gives.
            int from = (int)(Math.Min(length + 2, rendered - 0.5) * 44100);
            double after = Media.RmsDb(x.AsSpan(from, Math.Min(2 * 44100, x.Length - from)));
            Assert.True(after < -60, $"{after:F1} dBFS after the end");
            // Sound wherever the score has notes: every two-second window up to the last note that holds notes carries music.
            for (double t = 0; t + 2 <= end; t += 2)
            {
                if (!midi.Notes.Any(n => n.Start < t + 2 && n.End > t)) continue;
                double db = Media.RmsDb(x.AsSpan((int)(t * 44100), 2 * 44100));
                Assert.True(db > -50, $"{t:F0}–{t + 2:F0} s: {db:F1} dBFS");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
