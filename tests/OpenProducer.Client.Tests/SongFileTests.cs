using OpenProducer.Client.Files;
using OpenProducer.Client.Tests.Support;

namespace OpenProducer.Client.Tests;

/// <summary>The files made of a song (<c>/producer/wav</c>, <c>/download</c>, <c>/stems</c>, <c>/videos</c>, <c>/download-video</c>) through the SDK.</summary>
[Collection(SharedClientServer.Name)]
public class SongFileTests(ClientServer fixture)
{
    private ProducerClient Client => fixture.Client;
    private string Id => fixture.Song.Id;

    [Theory]
    [InlineData(null, 16)]
    [InlineData(24, 24)]
    public async Task Wav_answers_a_wav_of_the_bit_depth_asked(int? asked, int bits)
    {
        var result = await Client.Files.CreateWavAsync(new WavRequest { AudioId = Id, BitDepth = asked });
        var file = Assert.Single(result.Value);
        Assert.Equal(fixture.Song.Title, file.Title);
        byte[] wav = await Client.Files.GetBytesAsync(file.FileUrl!);
        Assert.True(FileKinds.IsWav(wav));
        Assert.Equal(bits, FileKinds.WavBits(wav));
    }

    [Theory]
    [InlineData(null, "mp3")]
    [InlineData("flac", "flac")]
    [InlineData("midi", "midi")]
    public async Task Download_answers_the_format_asked(string? asked, string format)
    {
        var result = await Client.Files.CreateDownloadAsync(new DownloadRequest { AudioId = Id, Format = asked });
        Assert.Equal(Id, result.Value.AudioId);
        Assert.Equal(format, result.Value.Format);
        byte[] file = await Client.Files.GetBytesAsync(result.Value.FileUrl!);
        Func<byte[], bool> check = format switch { "mp3" => FileKinds.IsMp3, "flac" => FileKinds.IsFlac, _ => FileKinds.IsMidi };
        Assert.True(check(file), $"a {format} file");
    }

    [Fact]
    public async Task Stems_by_their_own_path_answer_a_zip()
    {
        var result = await Client.Files.CreateStemsAsync(new SongFileRequest { AudioId = Id });
        Assert.True(FileKinds.IsZip(await Client.Files.GetBytesAsync(Assert.Single(result.Value).StemsUrl!)));
        var task = await Client.Tasks.GetAsync(result.TaskId);
        Assert.Equal("stems", task!.Type);
    }

    [Theory]
    [InlineData(false, "videos")]
    [InlineData(true, "download-video")]
    public async Task Both_video_paths_answer_the_songs_video(bool downloadPath, string type)
    {
        var result = await Client.Files.CreateVideoAsync(new SongFileRequest { AudioId = Id }, downloadPath);
        Assert.Equal(Id, result.Value.AudioId);
        Assert.True(FileKinds.IsMp4(await Client.Files.GetBytesAsync(result.Value.VideoUrl!)));
        Assert.Equal(type, (await Client.Tasks.GetAsync(result.TaskId))!.Type);
    }
}
