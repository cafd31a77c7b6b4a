using System.Text.Json;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>What the prompt and sounds[] ask for is what the song has, by the song's details and by measuring the audio.</summary>
public class StyleControlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private async Task<(JsonElement Item, JsonElement Details, string Audio)> Make(object request)
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", request);
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0];
        var (detailStatus, details) = await Server.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        Assert.Equal(200, detailStatus);
        string audio = await Server.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
        var (lufs, peak) = Media.Ebur128(audio);
        Assert.InRange(lufs, -15, -13);
        Assert.True(peak <= -1.0, $"true peak {peak} dBTP");
        return (item, details, audio);
    }

    private static string[] Instruments(JsonElement details) =>
        details.GetProperty("instruments").EnumerateArray().Select(i => i.GetString()!).ToArray();

    [Fact]
    public async Task Create_music_answers_in_the_same_shape_and_shows_its_sounds()
    {
        var (item, details, _) = await Make(new
        {
            action = "create_music", model = "FUZZ-2.0 Pro", title = "夏天", seed = 349732,
            sounds = new object[] { new { text = "emotional pop with gentle piano, 30 seconds", strength = 0.5 }, new { text = "跑调", strength = -0.5 } },
            makeInstrumental = true,
        });
        Assert.Equal("夏天", item.GetProperty("title").GetString());
        Assert.Equal("349732", item.GetProperty("seed").GetString());
        Assert.Equal("emotional pop with gentle piano, 30 seconds", item.GetProperty("sound").GetString());
        Assert.Equal("pop", details.GetProperty("genre").GetString());
        Assert.Contains("Acoustic Grand Piano", Instruments(details));
    }

    [Fact]
    public async Task A_negative_drums_sound_removes_the_drums_from_the_song()
    {
        object Request(bool negative) => new
        {
            action = "create_music", seed = 77, makeInstrumental = true,
            sounds = negative
                ? new object[] { new { text = "upbeat pop with a catchy beat, 30 seconds", strength = 0.6 }, new { text = "drums", strength = -0.8 } }
                : new object[] { new { text = "upbeat pop with a catchy beat, 30 seconds", strength = 0.6 } },
        };
        var (_, with, withAudio) = await Make(Request(false));
        var (_, without, withoutAudio) = await Make(Request(true));
        Assert.Contains("Standard Drum Kit", Instruments(with));
        Assert.DoesNotContain("Standard Drum Kit", Instruments(without));
        double busy = Media.OnsetRate(withAudio), calm = Media.OnsetRate(withoutAudio);
        Assert.True(busy > calm * 1.3, $"onsets per second with drums {busy:F2}, without {calm:F2}");
    }

    [Fact]
    public async Task Different_genres_give_measurably_different_songs()
    {
        var (_, rock, rockAudio) = await Make(new { action = "generate", prompt = "energetic punk rock with distorted guitar, 40 seconds", seed = 8 });
        var (_, ballad, balladAudio) = await Make(new { action = "generate", prompt = "gentle piano ballad with strings, 40 seconds", seed = 8 });
        Assert.True(rock.GetProperty("tempo").GetDouble() > ballad.GetProperty("tempo").GetDouble() + 25);
        Assert.Contains("Distortion Guitar", Instruments(rock));
        Assert.DoesNotContain("Distortion Guitar", Instruments(ballad));
        Assert.Contains("Acoustic Grand Piano", Instruments(ballad));
        double rockTempo = Media.AubioTempo(rockAudio), balladTempo = Media.AubioTempo(balladAudio);
        Assert.True(Media.TempoMatches(rockTempo, rock.GetProperty("tempo").GetDouble()), $"rock measured {rockTempo:F1}");
        Assert.True(Media.OnsetRate(rockAudio) > Media.OnsetRate(balladAudio), "the rock song should be rhythmically busier");
    }

    [Fact]
    public async Task Details_of_a_lyric_sheet_list_its_tagged_sections_in_order_with_equal_choruses_and_timed_lines()
    {
        const string lyric = "【主歌 A】\n窗外的雨轻轻落下\n打湿了旧日的牵挂\n【副歌】\n时光里的我们\n像风吹过黄昏\n[Verse 2]\nCity lights are waking up\nStars fall down to fill my cup\n【副歌】\n时光里的我们\n像风吹过黄昏\n【尾声】\n再见";
        var (_, d, _) = await Make(new { action = "generate", custom = true, lyric, prompt = "抒情 流行", seed = 4 });
        var sections = d.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Intro", "主歌 A", "副歌", "Verse 2", "副歌", "尾声"], sections.Select(s => s.GetProperty("label").GetString()));
        double Length(JsonElement s) => s.GetProperty("end").GetDouble() - s.GetProperty("start").GetDouble();
        var choruses = sections.Where(s => s.GetProperty("label").GetString() == "副歌").ToList();
        Assert.Equal(Length(choruses[0]), Length(choruses[1]), 3);
        for (int i = 1; i < sections.Count; i++)
            Assert.Equal(sections[i - 1].GetProperty("end").GetDouble(), sections[i].GetProperty("start").GetDouble(), 3);
        Assert.All(sections, s => Assert.InRange(Length(s), 2, 60));

        var lines = d.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal("窗外的雨轻轻落下", lines[0].GetProperty("text").GetString());
        for (int i = 1; i < lines.Count; i++) Assert.True(lines[i].GetProperty("start").GetDouble() >= lines[i - 1].GetProperty("end").GetDouble());
        var melody = d.GetProperty("melody").EnumerateArray().ToList();
        Assert.Equal("窗", melody[0].GetProperty("syllable").GetString());
        Assert.Equal(lines[0].GetProperty("start").GetDouble(), melody[0].GetProperty("start").GetDouble(), 3);
        Assert.All(melody, m => Assert.InRange(m.GetProperty("pitch").GetInt32(), 40, 90));
        Assert.Matches(@"^[A-G](#|b)? (major|minor)$", d.GetProperty("key").GetString());
        Assert.Equal("4/4", d.GetProperty("time_signature").GetString());
    }

    [Fact]
    public async Task Instrumental_songs_have_no_lines_or_melody_and_engine_labels()
    {
        var (_, d, _) = await Make(new { action = "generate", prompt = "waltz, 35 seconds", instrumental = true, seed = 2 });
        Assert.Empty(d.GetProperty("lines").EnumerateArray());
        Assert.Empty(d.GetProperty("melody").EnumerateArray());
        Assert.Equal("3/4", d.GetProperty("time_signature").GetString());
        Assert.All(d.GetProperty("sections").EnumerateArray(), s => Assert.Contains(s.GetProperty("label").GetString(), new[] { "Intro", "Outro", "Instrumental", "Break" }));
    }

    [Fact]
    public async Task Another_applications_song_details_are_not_found()
    {
        var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "disco, 30 seconds" });
        string id = body.GetProperty("data")[0].GetProperty("id").GetString()!;
        var (status, error) = await Server.GetJsonAsync("/v1/songs/" + id, Server.CreateToken("stranger"));
        Assert.Equal(404, status);
        Assert.Equal("not_found", error.GetProperty("error").GetProperty("code").GetString());
        var (noToken, _) = await Server.GetJsonAsync("/v1/songs/" + id, null);
        Assert.Equal(400, noToken);
    }
}
