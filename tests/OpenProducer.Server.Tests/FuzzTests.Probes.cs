using System.Text;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The storm's value tables and its fixed probes: hostile fields, callbacks, authorization, paths, bodies.</summary>
public partial class FuzzTests
{
    private static readonly string[] KnownCodes =
    [
        "no_token", "invalid_token", "token_expired", "disabled", "no_api", "api_not_implemented", "bad_request", "used_up", "too_many_requests", "api_error",
    ];

    private static readonly string[] PostEndpoints =
    [
        "/producer/audios", "/producer/tasks", "/producer/lyrics", "/producer/stems", "/producer/wav", "/producer/download",
        "/producer/videos", "/producer/download-video", "/producer/upload",
    ];

    private static readonly string[] FileEndpoints = ["/producer/stems", "/producer/wav", "/producer/download", "/producer/videos", "/producer/download-video"];
    private static readonly string[] OnSong = ["stems", "all_stems", "variation", "music_variation"];
    private static readonly string[] UploadEdits = ["upload_cover", "upload_extend", "upload_replace_section"];
    private static readonly string[] AudioActions = ["generate", "generate", "generate", "create_music", "create_music", .. EditActions.Snake, .. EditActions.Camel, .. OnSong, .. UploadEdits];
    private static readonly string[] Common = ["title", "seed", "weirdness", "callback_url", "async", "model"];

    /// <summary>Fields the poison uses; they are never duplicated, and the poison is always the last word on them.</summary>
    private static readonly string[] Protected = ["action", "audio_id", "audioId", "vocal_gender", "vocalGender", "sound_strength", "lyricsStrength", "async"];

    private static readonly string[] UnknownActions =
    [
        "dance", "GENERATE", " generate", "generate ", "generate\0", "Generate", "__proto__", "constructor", "retrieve", "lyrics", "wav", "download",
        "video", "delete", "upload", "create-music", "createMusic", "", "   ", "../generate", "generate; DROP TABLE tasks", "生成",
    ];

    private static readonly string[] Injections =
    [
        "' OR 1=1 --", "\"; DROP TABLE tasks; --", "1; DELETE FROM tokens; --", "' UNION SELECT token_hash FROM tokens --", "../../etc/passwd",
        "..\\..\\..\\windows\\win.ini", "/files/../producer.db", "%s%s%s%s%n", "%x%x%x%x", "{0}{1}{2}", "${jndi:ldap://example.invalid/a}", "{{7*7}}",
        "<script>alert(1)</script>", "\0", "a\0b\0c", "\u0001\u0002\u0003\u001b[31m\u007f", "\r\n\r\nHTTP/1.1 200 OK", "line1\nline2\rline3",
        "🎵🔥👩‍👩‍👧‍👦🏳️‍🌈", "\u202Eevil\u202C مرحبا بالعالم שלום עולם", "\u200B\u200D\uFEFF\u2028\u2029", "Z̷̢̛̛a̸̡l̶g̵o̴ t̷e̵x̶t̸",
        "一首关于夏天海边的歌", "null", "undefined", "NaN", "true", "[Verse]\n[Chorus]\n[Bridge]", "\\", "\"", "\t \n", "   ", "",
        "m", "f", "mp3", "generate", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%n%n%n", "\uFFFD\uFFFF\uFFFE",
    ];

    /// <summary>JSON values of every type, including numbers no double holds and strings that look like numbers.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-0", "-1", "1", "0.5", "-0.0", "1.5", "2", "1e309", "-1e309", "1e-400", "4.9e-324", "1.7976931348623157e308",
        "1180591620717411303424", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890.5", "1E2", "0.1e1",
        "\"\"", "\" \"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"", "\"-0\"", "\"0x10\"", "\"1,5\"", "\"true\"", "\"yes\"",
        "\"1180591620717411303424\"", "[]", "{}", "[1,2,3]", "{\"a\":1}", "[null]", "[\"generate\"]", "{\"$gt\":\"\"}", "[[[]]]",
        "{\"text\":\"rock\"}", "[{\"text\":\"rock\"}]", "\"\\ud800\"", "\"\\udc00x\\ud800\"", "\"\\u0000\"", "\"\\u0000\\u0001\\u001f\"",
    ];

    private static readonly string[] Numbers =
    [
        "-5", "-0.01", "-0", "0", "0.19", "1.0000001", "2", "3600.5", "3601", "1e9", "-1e9", "1e309", "-1e309", "1e-400", "241", "20", "32",
        "1180591620717411303424", "-9223372036854775809", "18446744073709551616", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"",
        "\"-5\"", "\" 0.5 \"", "\"0.5abc\"", "\"1,5\"", "\"\"", "true", "false", "null", "[0.5]", "{\"value\":0.5}",
    ];

    /// <summary>URLs no server may be made to call.</summary>
    private static readonly string[] PrivateUrls =
    [
        "http://127.0.0.1/", "http://localhost:8080/x", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/",
        "http://192.168.1.1/", "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://user:pass@127.0.0.1/",
    ];

    /// <summary>More spellings of the same places: other loopback forms, other private ranges, IPv6 ULA and link-local.</summary>
    private static readonly string[] MorePrivateUrls =
    [
        "http://0.0.0.0/", "http://127.0.0.2:9000/hook", "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://0x7f000001/", "http://127.1/",
        "http://[fd00::1]/", "http://[fe80::1]/", "http://172.16.0.1/", "http://172.31.255.254/", "http://LOCALHOST/", "http://localhost./",
        "https://169.254.169.254/latest/meta-data/iam", "http://[::]/", "http://sub.localhost/", "http://0/", "HTTP://127.0.0.1/",
        "http://100.64.0.1/", "gopher://127.0.0.1:25/", "data:text/plain,hello",
    ];

    /// <summary>Hostile URL values that are not http(s) at all (never called even without the guard).</summary>
    private static readonly string[] NonHttpUrls =
    [
        "", " ", "not a url", "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>x</b>", "gopher://127.0.0.1:25/",
        "mailto:a@example.com", "\\\\server\\share", "http:", "ht tp://x", "//", "http://", "::::",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/xml", "application/json; charset=utf-16",
        "application/json; charset=\"", "*/*", "garbage", "", "application/octet-stream", "application/json;;;;", "image/png",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3],
        [0xE2, 0x82], [0x80], [0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x8E], [0xE0, 0x80, 0xAF],
    ];

    private static readonly string[] Themes =
        ["a song about winter", "city lights at midnight", "lofi hip hop, rain", "一首关于夏天海边的歌", "sad country ballad", "upbeat synthwave"];

    // ---------------------------------------------------------------- fixed probes

    /// <summary>Bodies valid but for one field. Those for /producer/audios are async, so even a wrong acceptance returns at once.</summary>
    private static IEnumerable<Probe> HostileFieldProbes()
    {
        const string gen = "\"action\":\"generate\",\"prompt\":\"calm piano\",\"async\":true";
        const string music = "\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"strength\":0.8}],\"async\":true";
        string song = Q(Guid.NewGuid().ToString());
        var cases = new List<(string Path, string Body, string Field, string What)>
        {
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":" + Q(new string('a', 201)) + ",\"async\":true}", "prompt", "prompt of 201 chars (inspiration)"),
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":" + Q(new string('b', 1000)) + ",\"async\":true}", "prompt", "prompt of 1000 chars (inspiration)"),
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":" + Q(new string('c', 10_000)) + ",\"async\":true}", "prompt", "prompt of 10k chars"),
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":" + Q(new string('d', 900_000)) + ",\"async\":true}", "prompt", "prompt of 900k chars"),
            ("/producer/audios", "{\"action\":\"generate\",\"prompt\":" + Q(string.Concat(Enumerable.Repeat("🎵", 300))) + ",\"async\":true}", "prompt", "prompt of 300 emoji"),
            ("/producer/audios", "{\"action\":\"generate\",\"custom\":true,\"lyric\":" + Q(new string('l', 5001)) + ",\"async\":true}", "lyric", "lyric of 5001 chars"),
            ("/producer/audios", "{\"action\":\"generate\",\"custom\":true,\"lyric\":" + Q(new string('l', 100_000)) + ",\"async\":true}", "lyric", "lyric of 100k chars"),
            ("/producer/audios", "{" + gen + ",\"title\":" + Q(new string('t', 81)) + "}", "title", "title of 81 chars"),
            ("/producer/audios", "{" + gen + ",\"title\":" + Q(new string('t', 10_000)) + "}", "title", "title of 10k chars"),
            ("/producer/audios", "{" + gen + ",\"weirdness\":1.0001}", "weirdness", "weirdness 1.0001"),
            ("/producer/audios", "{" + gen + ",\"weirdness\":-0.01}", "weirdness", "weirdness -0.01"),
            ("/producer/audios", "{" + gen + ",\"weirdness\":1e309}", "weirdness", "weirdness 1e309 (beyond double)"),
            ("/producer/audios", "{" + gen + ",\"weirdness\":-1e309}", "weirdness", "weirdness -1e309 (beyond double)"),
            ("/producer/audios", "{" + gen + ",\"weirdness\":\"NaN\"}", "weirdness", "weirdness \"NaN\""),
            ("/producer/audios", "{" + gen + ",\"weirdness\":\"Infinity\"}", "weirdness", "weirdness \"Infinity\""),
            ("/producer/audios", "{" + gen + ",\"weirdness\":1180591620717411303424}", "weirdness", "weirdness 2^70"),
            ("/producer/audios", "{" + gen + ",\"sound_strength\":0.19}", "sound_strength", "sound_strength 0.19"),
            ("/producer/audios", "{" + gen + ",\"sound_strength\":1e309}", "sound_strength", "sound_strength 1e309"),
            ("/producer/audios", "{" + gen + ",\"lyrics_strength\":-0.01}", "lyrics_strength", "lyrics_strength -0.01"),
            ("/producer/audios", "{" + gen + ",\"lyrics_strength\":1.01}", "lyrics_strength", "lyrics_strength 1.01"),
            ("/producer/audios", "{" + gen + ",\"seed\":-1}", "seed", "seed -1"),
            ("/producer/audios", "{" + gen + ",\"seed\":1.5}", "seed", "seed 1.5"),
            ("/producer/audios", "{" + gen + ",\"seed\":1180591620717411303424}", "seed", "seed 2^70"),
            ("/producer/audios", "{" + gen + ",\"seed\":" + Q(new string('9', 101)) + "}", "seed", "seed text of 101 chars"),
            ("/producer/audios", "{" + gen + ",\"vocal_gender\":\"x\"}", "vocal_gender", "vocal_gender x"),
            ("/producer/audios", "{" + gen + ",\"model\":\"FUZZ-9\"}", "model", "unknown model"),
            ("/producer/audios", "{" + gen + ",\"custom\":\"maybe\"}", "custom", "custom \"maybe\""),
            ("/producer/audios", "{" + gen + ",\"instrumental\":2}", "instrumental", "instrumental 2"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":" + Q(new string('s', 1001)) + "}],\"async\":true}", "sounds[0].text", "sounds[0].text of 1001 chars"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\"},{\"text\":" + Q(new string('s', 50_000)) + "}],\"async\":true}", "sounds[1].text", "sounds[1].text of 50k chars"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[" + string.Join(",", Enumerable.Repeat("{\"text\":\"rock\"}", 21)) + "],\"async\":true}", "sounds", "21 sounds"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[" + string.Join(",", Enumerable.Repeat("{\"text\":\"rock\"}", 10_000)) + "],\"async\":true}", "sounds", "10,000 sounds"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"strength\":1.5}],\"async\":true}", "sounds[0].strength", "sounds[0].strength 1.5"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"strength\":-1.01}],\"async\":true}", "sounds[0].strength", "sounds[0].strength -1.01"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"timeStart\":-1}],\"async\":true}", "sounds[0].timeStart", "negative timeStart"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"timeStart\":0,\"timeEnd\":3601}],\"async\":true}", "sounds[0].timeEnd", "timeEnd 3601"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[{\"text\":\"rock\",\"timeStart\":1e309}],\"async\":true}", "sounds[0].timeStart", "timeStart 1e309"),
            ("/producer/audios", "{\"action\":\"create_music\",\"sounds\":[\"rock\"],\"async\":true}", "sounds[0]", "sounds[0] a string"),
            ("/producer/audios", "{" + music + ",\"lyrics\":" + Q(new string('l', 5001)) + "}", "lyrics", "lyrics of 5001 chars"),
            ("/producer/audios", "{" + music + ",\"lyricsStrength\":2}", "lyricsStrength", "lyricsStrength 2"),
            ("/producer/audios", "{" + music + ",\"title\":" + Q(new string('t', 81)) + "}", "title", "create_music title of 81 chars"),
            ("/producer/audios", "{" + music + ",\"makeInstrumental\":\"perhaps\"}", "makeInstrumental", "makeInstrumental \"perhaps\""),
            ("/producer/audios", "{\"action\":\"extend\",\"audio_id\":" + song + ",\"continue_at\":-5}", "continue_at", "negative continue_at"),
            ("/producer/audios", "{\"action\":\"extend\",\"audio_id\":" + song + ",\"continue_at\":1e9}", "continue_at", "continue_at 1e9"),
            ("/producer/audios", "{\"action\":\"extend\",\"audio_id\":" + song + ",\"continue_at\":1e309}", "continue_at", "continue_at 1e309"),
            ("/producer/audios", "{\"action\":\"extend_music\",\"audioId\":" + song + ",\"extendDuration\":-30}", "extendDuration", "negative extendDuration"),
            ("/producer/audios", "{\"action\":\"extend_music\",\"audioId\":" + song + ",\"extendDuration\":241}", "extendDuration", "extendDuration 241"),
            ("/producer/audios", "{\"action\":\"extend_music\",\"audioId\":" + song + ",\"continueAt\":-1}", "continueAt", "negative continueAt"),
            ("/producer/audios", "{\"action\":\"replace_section\",\"audio_id\":" + song + ",\"replace_section_start\":10,\"replace_section_end\":5}", "replace_section_end", "replace end before start"),
            ("/producer/audios", "{\"action\":\"replace_section\",\"audio_id\":" + song + ",\"replace_section_start\":-10,\"replace_section_end\":5}", "replace_section_start", "negative replace start"),
            ("/producer/audios", "{\"action\":\"replace_music\",\"audioId\":" + song + ",\"replaceStart\":1,\"replaceEnd\":1.5}", "replaceEnd", "replace span under 1 s"),
            ("/producer/audios", "{\"action\":\"cover\",\"audio_id\":" + song + ",\"cover_strength\":0.1}", "cover_strength", "cover_strength 0.1"),
            ("/producer/audios", "{\"action\":\"cover_music\",\"audioId\":" + song + ",\"coverStrength\":1.5}", "coverStrength", "coverStrength 1.5"),
            ("/producer/audios", "{\"action\":\"cover_music\",\"audioId\":" + song + ",\"coverArtUrl\":\"file:///etc/passwd\"}", "coverArtUrl", "coverArtUrl file:"),
            ("/producer/audios", "{\"action\":\"cover_music\",\"audioId\":" + song + ",\"sounds\":[{\"text\":\"x\",\"timeStart\":1}]}", "sounds[0].timeStart", "span in an edit's sounds"),
            ("/producer/audios", "{\"action\":\"stems\",\"audio_id\":" + Q(new string('i', 101)) + "}", "audio_id", "audio_id of 101 chars"),
            ("/producer/audios", "{\"action\":\"stems\",\"audio_id\":" + song + "}", "audio_id", "audio_id of no song"),
            ("/producer/audios", "{\"action\":\"stems\",\"audio_id\":\"' OR 1=1 --\"}", "audio_id", "audio_id SQL injection"),
            ("/producer/audios", "{\"action\":\"stems\",\"audio_id\":\"../../producer.db\"}", "audio_id", "audio_id path traversal"),
            ("/producer/download", "{\"audio_id\":" + song + ",\"format\":\"exe\"}", "format", "format exe"),
            ("/producer/download", "{\"audio_id\":" + song + ",\"format\":\"../../x\"}", "format", "format path traversal"),
            ("/producer/download", "{\"audio_id\":" + song + ",\"bit_depth\":20}", "bit_depth", "bit_depth 20"),
            ("/producer/download", "{\"audio_id\":" + song + ",\"bit_depth\":32}", "bit_depth", "bit_depth 32"),
            ("/producer/wav", "{\"audio_id\":" + song + ",\"bit_depth\":1e309}", "bit_depth", "bit_depth 1e309"),
            ("/producer/videos", "{\"audio_id\":{\"$ne\":null}}", "audio_id", "audio_id an object"),
            ("/producer/lyrics", "{\"prompt\":" + Q(new string('p', 1001)) + "}", "prompt", "lyrics prompt of 1001 chars"),
            ("/producer/lyrics", "{\"prompt\":" + Q(new string('p', 500_000)) + "}", "prompt", "lyrics prompt of 500k chars"),
            ("/producer/lyrics", "{\"prompt\":\"   \"}", "prompt", "blank lyrics prompt"),
            ("/producer/lyrics", "{\"prompt\":42}", "prompt", "lyrics prompt a number"),
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"seed\":-3}", "seed", "lyrics seed -3"),
            ("/producer/lyrics", "{\"prompt\":\"rain\",\"seed\":1180591620717411303424}", "seed", "lyrics seed 2^70"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":[" + string.Join(",", Enumerable.Range(0, 101).Select(i => Q("id" + i))) + "]}", "ids", "101 ids"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":[" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => Q("id" + i))) + "]}", "ids", "10,000 ids"),
            ("/producer/tasks", "{\"action\":\"retrieve_batch\",\"ids\":[1,2]}", "ids", "ids of numbers"),
            ("/producer/tasks", "{\"action\":\"retrieve\",\"id\":" + Q(new string('i', 101)) + "}", "id", "id of 101 chars"),
            ("/producer/tasks", "{\"action\":\"retrieve\",\"id\":[\"x\"]}", "id", "id an array"),
            ("/producer/tasks", "{\"action\":\"delete\",\"id\":\"x\"}", "action", "action delete"),
            ("/producer/tasks", "{\"action\":\"' OR 1=1 --\"}", "action", "action SQL injection"),
        };
        foreach (var (path, body, field, what) in cases)
            yield return new Probe("hostile field " + field, $"POST {path} {what}", HttpMethod.Post, path, Utf8(body), Expect.Bad(field));
    }

    /// <summary>
    /// callback_url and coverArtUrl pointing into the server's own network. On /producer/lyrics the body is otherwise
    /// valid; on the song endpoints it also names a song that does not exist, so that no work starts even if the URL
    /// slips through (the URL is checked before the song is looked up).
    /// </summary>
    private static IEnumerable<Probe> CallbackProbes()
    {
        foreach (var url in PrivateUrls.Concat(MorePrivateUrls))
        {
            string family = PrivateUrls.Contains(url) ? "private callback_url" : "private callback_url (other spelling)";
            yield return new Probe(family + " on /producer/lyrics", $"POST /producer/lyrics callback_url={url}", HttpMethod.Post, "/producer/lyrics",
                Utf8("{\"prompt\":\"rain on the roof\",\"callback_url\":" + Q(url) + "}"), Expect.Bad("callback_url"));
            yield return new Probe(family + " on /producer/audios variation", $"POST /producer/audios variation callback_url={url} (audio_id of no song)",
                HttpMethod.Post, "/producer/audios",
                Utf8("{\"action\":\"variation\",\"audio_id\":\"00000000-0000-0000-0000-000000000000\",\"callback_url\":" + Q(url) + ",\"async\":true}"), Expect.Bad("callback_url"));
            yield return new Probe(family + " on /producer/stems", $"POST /producer/stems callback_url={url} (audio_id of no song)", HttpMethod.Post, "/producer/stems",
                Utf8("{\"audio_id\":\"00000000-0000-0000-0000-000000000000\",\"callback_url\":" + Q(url) + "}"), Expect.Bad("callback_url"));
            if (PrivateUrls.Contains(url))
                yield return new Probe("private coverArtUrl on cover_music", $"POST /producer/audios cover_music coverArtUrl={url} (audioId of no song)",
                    HttpMethod.Post, "/producer/audios",
                    Utf8("{\"action\":\"cover_music\",\"audioId\":\"00000000-0000-0000-0000-000000000000\",\"coverArtUrl\":" + Q(url) + "}"), Expect.Bad("coverArtUrl"));
        }
    }

    private IEnumerable<Probe> AuthProbes(Random random)
    {
        string token = fixture.App.Token;
        string longToken = RandomText(random, 10_000);
        var cases = new List<(string? Auth, Expect Expect, string What)>
        {
            (null, Expect.Error(400, "no_token"), "no Authorization"),
            ("", Expect.Error(400, "no_token"), "empty Authorization"),
            ("   ", Expect.Error(400, "no_token"), "blank Authorization"),
            ("Bearer", Expect.Error(400, "no_token"), "Bearer with no token"),
            ("Bearer ", Expect.Error(400, "no_token"), "\"Bearer \" with no token"),
            ("Bearer      ", Expect.Error(400, "no_token"), "Bearer and spaces"),
            ("Basic dXNlcjpwYXNz", Expect.Error(401, "invalid_token"), "Basic credentials"),
            ("Bearer op_nope", Expect.Error(401, "invalid_token"), "unknown token"),
            ("Bearer " + token + "x", Expect.Error(401, "invalid_token"), "token with a character added"),
            ("Bearer " + token[..^1], Expect.Error(401, "invalid_token"), "token with a character cut"),
            ("Bearer " + token.ToUpperInvariant(), Expect.Error(401, "invalid_token"), "token in upper case"),
            ("Bearer Bearer " + token, Expect.Error(401, "invalid_token"), "Bearer twice"),
            ("Bearer ' OR 1=1 --", Expect.Error(401, "invalid_token"), "SQL injection token"),
            ("Bearer %s%s%s%n", Expect.Error(401, "invalid_token"), "format-string token"),
            ("Bearer ../../producer.db", Expect.Error(401, "invalid_token"), "path token"),
            ("Bearer " + longToken, Expect.Error(401, "invalid_token"), "token of 10k chars"),
            ("Bearer " + new string('A', 30_000), Expect.Error(401, "invalid_token"), "token of 30k chars"),
            ("Bearer " + new string('A', 70_000), Expect.Refused with { Framework = true }, "Authorization of 70k chars (over Kestrel's header limit)"),
            (token + ", " + token, Expect.Error(401, "invalid_token"), "two tokens"),
            ("bearer " + token, new Expect(true, 200), "lower-case bearer"),
            ("BEARER   " + token + "   ", new Expect(true, 200), "upper-case BEARER and spaces"),
        };
        foreach (var (auth, expect, what) in cases)
        {
            yield return new Probe("auth: " + what, $"POST /producer/tasks with {what}", HttpMethod.Post, "/producer/tasks",
                Utf8("{\"action\":\"retrieve\",\"id\":\"x\"}"), expect, Auth: auth);
            // The same on a song endpoint (poisoned, so a wrongly accepted token still starts nothing).
            yield return new Probe("auth: " + what, $"POST /producer/audios with {what}", HttpMethod.Post, "/producer/audios",
                Utf8("{\"action\":\"generate\",\"prompt\":\"x\",\"async\":true,\"vocal_gender\":\"zz\"}"), expect.Allow2xx ? Expect.Bad("vocal_gender") : expect, Auth: auth);
            yield return new Probe("auth: " + what, $"GET /v1/songs/x with {what}", HttpMethod.Get, "/v1/songs/x", null,
                expect.Allow2xx ? Expect.Refused : expect, Auth: auth, ContentType: null);
        }
    }

    private static IEnumerable<Probe> PathProbes()
    {
        string key = new string('a', 16) + new string('0', 16);
        string name = "0123abcd-0000-4000-8000-0123456789ab.mp3";
        foreach (var path in PostEndpoints.Append("/v1/songs/x").Append("/v1/balance"))
        foreach (var method in new[] { "GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "HEAD", "FUZZ" })
        {
            bool known = path.StartsWith("/producer/");
            bool isGet = path.StartsWith("/v1/");
            if (method == "POST" && known || method is "GET" or "HEAD" && isGet) continue;
            var expect = method is "GET" or "PUT" or "DELETE" or "PATCH" or "POST" ? Expect.Error(404, "no_api") : Expect.Refused;
            byte[]? body = method is "PUT" or "PATCH" or "POST" or "FUZZ" ? Utf8("{\"action\":\"generate\",\"prompt\":\"x\",\"vocal_gender\":\"zz\"}") : null;
            yield return new Probe($"wrong method {method}", $"{method} {path}", new HttpMethod(method), path, body, expect);
        }

        var unknown = new[]
        {
            "/", "/producer", "/producer/", "/producer/nothing", "/v2/audios", "/producer/audios/extra", "/producer/tasks/123", "/v1/songs",
            "/v1/songs/", "/v1/songs/x/y", "/files", "/files/", "/files/" + key, "/files/" + key + "/", "/files/" + key + "/" + name + "/x",
            "/producer.db", "/data/producer.db", "/etc/passwd", "/favicon.ico", "/index.html", "/.env", "/.git/config", "/producer/audios.json",
            "/files/" + key.ToUpperInvariant() + "/" + name, "/files/" + key + "/" + name, "/files/" + key + "/" + name.Replace(".mp3", ".db"),
            "/files/" + key + "/producer.db", "/files/" + key + "/" + new string('a', 3000), "/" + new string('x', 8000),
            "/files/" + key + "/" + Uri.EscapeDataString("../../producer.db"), "/files/" + key + "/%2e%2e%2f%2e%2e%2fproducer.db",
            "/files/" + key + "/..%2f..%2fproducer.db", "/files/%2e%2e/producer.db", "/files/" + key + "/" + name + "%00.db",
            "/files/" + key + "/..%5c..%5cproducer.db", "/v1/songs/" + Uri.EscapeDataString("' OR 1=1 --"), "/v1/songs/" + Uri.EscapeDataString("../../etc/passwd"),
            "/v1/songs/%00", "/v1/songs/" + new string('9', 5000), "/producer%2Faudios", "/producer/audios%2F..%2Ftasks", "/PRODUCER/NOTHING",
            "/producer/audios?action=generate&prompt=x", "/healthz/../producer.db", "/%ff%fe", "/files/%c0%ae%c0%ae/producer.db",
        };
        foreach (var path in unknown)
        {
            bool songs = path.StartsWith("/v1/songs/") && path.Length > "/v1/songs/".Length && !path[10..].Contains('/');
            // Kestrel itself refuses a NUL in the path.
            bool nul = path.Contains("%00");
            yield return new Probe(songs ? "song id" : "unknown path", $"GET {path}", HttpMethod.Get, path, null,
                songs || nul ? Expect.Refused with { Framework = nul } : Expect.Error(404, "no_api"), ContentType: null);
            if (!songs) yield return new Probe("unknown path", $"POST {path}", HttpMethod.Post, path,
                Utf8("{\"action\":\"generate\",\"prompt\":\"x\",\"vocal_gender\":\"zz\"}"),
                path.Contains('?') ? Expect.Bad("vocal_gender") : nul ? Expect.Refused with { Framework = true } : Expect.Error(404, "no_api"));
            if (path.StartsWith("/files/")) yield return new Probe("file path", $"HEAD {path}", HttpMethod.Head, path, null, Expect.Refused, ContentType: null);
        }

        // Sent as written: HttpClient would resolve the dot segments itself.
        var raw = new[]
        {
            "/files/../producer.db", "/files/../../producer.db", "/files/../../../etc/passwd", "/files/" + key + "/../../producer.db",
            "/files/" + key + "/../" + key + "/" + name, "/files/./" + key + "/" + name, "/files//" + key + "//" + name, "/producer/../producer.db",
            "/files/" + key + "/..%2f..%2fproducer.db", "/files/" + key + "/..\\..\\producer.db", "/files/%2e%2e/%2e%2e/producer.db",
            "/producer/./audios", "/v1/songs/../../producer.db",
        };
        foreach (var path in raw)
            yield return new Probe("raw path", $"GET {path} (raw)", HttpMethod.Get, path, null, Expect.Refused, ContentType: null, Raw: true);
    }

    /// <summary>Bodies that are not a JSON object, or not JSON, or not UTF-8, or too big, on every POST endpoint.</summary>
    private static IEnumerable<Probe> BodyProbes()
    {
        static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
        byte[] overLimit = Utf8("{\"prompt\":\"" + new string('a', 1024 * 1024) + "\"}");
        var bodies = new List<(string What, byte[] Body, string? ContentType, bool Chunked)>
        {
            ("empty body", [], "application/json", false),
            ("whitespace body", Utf8("  \n\t "), "application/json", false),
            ("null", Utf8("null"), "application/json", false),
            ("[]", Utf8("[]"), "application/json", false),
            ("array root", Utf8("[{\"action\":\"generate\",\"prompt\":\"x\"}]"), "application/json", false),
            ("string root", Utf8("\"generate\""), "application/json", false),
            ("number root", Utf8("42"), "application/json", false),
            ("true root", Utf8("true"), "application/json", false),
            ("unclosed object", Utf8("{"), "application/json", false),
            ("truncated after key", Utf8("{\"action\":"), "application/json", false),
            ("truncated in string", Utf8("{\"prompt\":\"rain"), "application/json", false),
            ("extra closing brace", Utf8("{}}"), "application/json", false),
            ("two objects", Utf8("{} {}"), "application/json", false),
            ("trailing comma", Utf8("{\"prompt\":\"x\",}"), "application/json", false),
            ("comment", Utf8("/* c */ {\"prompt\":\"x\"}"), "application/json", false),
            ("single quotes", Utf8("{'prompt':'x'}"), "application/json", false),
            ("unquoted key", Utf8("{prompt:\"x\"}"), "application/json", false),
            ("NaN literal", Utf8("{\"weirdness\":NaN}"), "application/json", false),
            ("Infinity literal", Utf8("{\"weirdness\":Infinity}"), "application/json", false),
            ("hex number", Utf8("{\"seed\":0x10}"), "application/json", false),
            ("leading zeros", Utf8("{\"seed\":0007}"), "application/json", false),
            ("bad escape", Utf8("{\"prompt\":\"\\x41\"}"), "application/json", false),
            ("raw control char in string", Utf8("{\"prompt\":\"a\u0001b\"}"), "application/json", false),
            ("raw NUL in string", Utf8("{\"prompt\":\"a\0b\"}"), "application/json", false),
            ("BOM then {}", Join([0xEF, 0xBB, 0xBF], Utf8("{}")), "application/json", false),
            ("UTF-16 body", Encoding.Unicode.GetBytes("{\"prompt\":\"x\"}"), "application/json; charset=utf-16", false),
            ("UTF-32 body", Encoding.UTF32.GetBytes("{\"prompt\":\"x\"}"), "application/json", false),
            ("0xFF in string", Join(Utf8("{\"prompt\":\"ab"), [0xFF], Utf8("cd\"}")), "application/json", false),
            ("overlong NUL in string", Join(Utf8("{\"prompt\":\"ab"), [0xC0, 0x80], Utf8("cd\"}")), "application/json", false),
            ("UTF-8 surrogate in string", Join(Utf8("{\"prompt\":\"ab"), [0xED, 0xA0, 0x80], Utf8("cd\"}")), "application/json", false),
            ("truncated UTF-8 in string", Join(Utf8("{\"prompt\":\"ab"), [0xE2, 0x82], Utf8("\"}")), "application/json", false),
            ("lone surrogate escape in prompt", Utf8("{\"prompt\":\"a\\ud800b\"}"), "application/json", false),
            ("lone surrogate escape in action", Utf8("{\"action\":\"a\\udc00b\"}"), "application/json", false),
            ("0xFF in key", Join(Utf8("{\"pro"), [0xFF], Utf8("mpt\":\"x\"}")), "application/json", false),
            ("0xFF outside strings", Join(Utf8("{\"prompt\":"), [0xFF], Utf8("}")), "application/json", false),
            ("invalid UTF-8 only", [0xFF, 0xFE, 0xFD, 0xC0, 0x80], "application/json", false),
            ("binary noise", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray(), "application/octet-stream", false),
            ("depth 1,000 arrays", Utf8(new string('[', 1000) + new string(']', 1000)), "application/json", false),
            ("depth 10,000 arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)), "application/json", false),
            ("depth 10,000 unclosed", Utf8(new string('[', 10_000)), "application/json", false),
            ("depth 5,000 objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)), "application/json", false),
            ("depth 2,000 in prompt", Utf8("{\"prompt\":" + new string('[', 2000) + new string(']', 2000) + "}"), "application/json", false),
            ("50,000 keys", Utf8("{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":{i}")) + "}"), "application/json", false),
            ("10,000 duplicate prompt keys", Utf8("{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"prompt\":{i}")) + "}"), "application/json", false),
            ("form body", Utf8("action=generate&prompt=x"), "application/x-www-form-urlencoded", false),
            ("XML body", Utf8("<request><prompt>x</prompt></request>"), "application/xml", false),
            ("body of 1 MiB + 1 byte", overLimit, "application/json", false),
            ("chunked body over 1 MiB", overLimit, "application/json", true),
            ("body of 3 MiB", Utf8("{\"prompt\":\"" + new string('z', 3 * 1024 * 1024) + "\"}"), "application/json", false),
        };
        foreach (var path in PostEndpoints)
        foreach (var (what, body, contentType, chunked) in bodies)
        {
            // Over the body limit a 413 in the error shape is as good as a 400.
            var expect = what.Contains("MiB") ? Expect.Refused : Expect.Bad();
            // A lone surrogate escape is JSON, only not Unicode: a lyrics sheet may be written for it, or it may be refused.
            if (what.StartsWith("lone surrogate")) expect = path == "/producer/lyrics" ? Expect.Any : Expect.Refused;
            yield return new Probe("body: " + what, $"POST {path} {what}", HttpMethod.Post, path, body, expect, ContentType: contentType, Chunked: chunked);
        }
    }
}
