using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The storm's random probes: a valid-looking body for an endpoint, then one mutation of it.</summary>
public partial class FuzzTests
{
    // ---------------------------------------------------------------- random probes

    private static string[] FieldsFor(string path, string? action) => (path, action) switch
    {
        ("/producer/lyrics", _) => ["prompt", "seed", "callback_url", "async"],
        ("/producer/tasks", _) => ["action", "id", "ids"],
        ("/producer/audios", "generate") => ["action", "prompt", "lyric", "custom", "instrumental", "sound_strength", "lyrics_strength", "vocal_gender", .. Common],
        ("/producer/audios", "create_music") => ["action", "sounds", "lyrics", "makeInstrumental", "lyricsStrength", "vocalGender", .. Common],
        ("/producer/audios", "music_variation") => ["action", "audioId", .. Common],
        ("/producer/audios", { } a) when EditActions.Snake.Contains(a) =>
            ["action", "audio_id", "prompt", "lyric", "instrumental", "sound_strength", "lyrics_strength", "vocal_gender", "continue_at",
                "replace_section_start", "replace_section_end", "cover_strength", .. Common],
        ("/producer/audios", { } a) when EditActions.Camel.Contains(a) =>
            ["action", "audioId", "sounds", "lyrics", "makeInstrumental", "lyricsStrength", "vocalGender", "continueAt", "extendDuration",
                "replaceStart", "replaceEnd", "coverStrength", "coverArtUrl", .. Common],
        ("/producer/audios", _) => ["action", "audio_id", .. Common],
        _ => ["audio_id", "format", "bit_depth", .. Common],
    };

    private static readonly HashSet<string> NumberFields =
    [
        "seed", "weirdness", "sound_strength", "lyrics_strength", "lyricsStrength", "continue_at", "continueAt", "extendDuration",
        "replace_section_start", "replace_section_end", "replaceStart", "replaceEnd", "cover_strength", "coverStrength", "bit_depth",
    ];

    private static readonly HashSet<string> StringFields =
        ["prompt", "lyric", "lyrics", "title", "model", "vocal_gender", "vocalGender", "audio_id", "audioId", "format", "id", "callback_url", "coverArtUrl"];

    private static List<KeyValuePair<string, string>> BaseBody(Random r, string path, string? action)
    {
        var b = new List<KeyValuePair<string, string>>();
        void Add(string k, string raw) => b.Add(new(k, raw));
        string song = Q(RandomGuid(r));
        string theme = Q(Pick(r, Themes));
        if (path == "/producer/lyrics")
        {
            Add("prompt", theme);
            if (r.Next(3) == 0) Add("seed", r.Next(1000).ToString());
            return b;
        }
        if (path == "/producer/tasks")
        {
            if (r.Next(2) == 0) { Add("action", "\"retrieve\""); Add("id", song); }
            else { Add("action", "\"retrieve_batch\""); Add("ids", "[" + song + "," + Q(RandomGuid(r)) + "]"); }
            return b;
        }
        if (path != "/producer/audios")
        {
            Add("audio_id", song);
            if (path == "/producer/download") { Add("format", Q(Pick(r, ["mp3", "m4a", "wav", "flac", "midi", "mid"]))); Add("bit_depth", Pick(r, ["16", "24"])); }
            return b;
        }
        Add("action", Q(action!));
        switch (action)
        {
            case "generate":
                Add("prompt", theme);
                if (r.Next(3) == 0) { Add("custom", "true"); Add("lyric", Q("[Verse]\nla la la")); }
                if (r.Next(3) == 0) Add("title", Q("Fuzz"));
                break;
            case "create_music":
                Add("sounds", "[{\"text\":" + theme + ",\"strength\":0.8}]");
                break;
            case "music_variation": Add("audioId", song); break;
            case { } a when EditActions.Snake.Contains(a):
                Add("audio_id", song);
                Add("prompt", theme);
                if (a == "extend") Add("continue_at", "10");
                if (a == "replace_section") { Add("replace_section_start", "5"); Add("replace_section_end", "15"); }
                if (a == "cover") Add("cover_strength", "0.5");
                break;
            case { } a when EditActions.Camel.Contains(a):
                Add("audioId", song);
                Add("sounds", "[{\"text\":" + theme + ",\"strength\":0.8}]");
                if (a == "extend_music") { Add("continueAt", "10"); Add("extendDuration", "30"); }
                if (a == "replace_music") { Add("replaceStart", "5"); Add("replaceEnd", "15"); }
                if (a == "cover_music") Add("coverStrength", "0.5");
                break;
            default: Add("audio_id", song); break;
        }
        return b;
    }

    private Probe RandomProbe(Random r)
    {
        int roll = r.Next(100);
        string path = roll switch
        {
            < 45 => "/producer/audios",
            < 60 => "/producer/lyrics",
            < 75 => "/producer/tasks",
            _ => Pick(r, FileEndpoints),
        };
        string? action = path == "/producer/audios" ? Pick(r, AudioActions) : null;
        var pairs = BaseBody(r, path, action);
        string[] fields = FieldsFor(path, action);
        var mutation = (Mutation)r.Next(Enum.GetValues<Mutation>().Length);
        var method = HttpMethod.Post;
        string? auth = DefaultAuth;
        string? contentType = "application/json";
        string? mutated = null;
        string detail;
        byte[]? body = null;
        byte[]? badBytes = null;

        void Set(string key, string raw)
        {
            mutated = key;
            int at = pairs.FindIndex(p => p.Key == key);
            if (at >= 0) pairs[at] = new(key, raw);
            else pairs.Insert(r.Next(pairs.Count + 1), new(key, raw));
        }

        switch (mutation)
        {
            case Mutation.WrongType:
            {
                string field = Pick(r, fields);
                string raw = field == "action" && r.Next(2) == 0 ? Q(Pick(r, UnknownActions)) : Pick(r, Values);
                Set(field, raw);
                detail = $"{field} := {Excerpt(raw, 40)}";
                break;
            }
            case Mutation.Remove:
            {
                if (pairs.Count == 0) goto case Mutation.WrongType;
                var gone = pairs[r.Next(pairs.Count)];
                pairs.Remove(gone);
                mutated = gone.Key;
                detail = $"without {gone.Key}";
                break;
            }
            case Mutation.HostileString:
            {
                string field = PickString(r, fields);
                string text = r.Next(5) == 0 ? string.Concat(Enumerable.Repeat(Pick(r, Injections), r.Next(2, 200))) : Pick(r, Injections);
                Set(field, Q(text));
                detail = $"{field} := {Excerpt(Q(text), 50)} ({text.Length} chars)";
                break;
            }
            case Mutation.HugeString:
            {
                string field = PickString(r, fields);
                int length = r.Next(10) == 0 ? 900_000 : Pick(r, [10_000, 20_000, 50_000, 200_000]);
                string unit = Pick(r, ["a", "é", "中", "🎵", "\\", "\"", "\0", " "]);
                string text = string.Concat(Enumerable.Repeat(unit, length / unit.Length));
                Set(field, Q(text));
                detail = $"{field} := {length:N0} × {Excerpt(Q(unit), 10)}";
                break;
            }
            case Mutation.NumberEdge:
            {
                string[] numeric = fields.Where(NumberFields.Contains).ToArray();
                string field = numeric.Length > 0 ? Pick(r, numeric) : Pick(r, fields);
                string raw = Pick(r, Numbers);
                Set(field, raw);
                detail = $"{field} := {raw}";
                break;
            }
            case Mutation.DeepNesting:
            {
                string field = Pick(r, fields);
                int depth = r.Next(1000, 10_001);
                string raw = r.Next(2) == 0 ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "0" + new string('}', depth);
                Set(field, raw);
                detail = $"{field} := nested {depth:N0} deep";
                break;
            }
            case Mutation.LongArray:
            {
                string field = path == "/producer/tasks" ? "ids" : fields.Contains("sounds") ? "sounds" : Pick(r, fields);
                int n = r.Next(1000, 10_001);
                string item = field == "sounds" ? "{\"text\":\"rock\",\"strength\":0.5}" : field == "ids" ? Q(RandomGuid(r)) : Pick(r, Values);
                Set(field, "[" + string.Join(",", Enumerable.Repeat(item, n)) + "]");
                detail = $"{field} := array of {n:N0} × {Excerpt(item, 30)}";
                break;
            }
            case Mutation.ManyKeys:
            {
                int n = r.Next(1000, 30_001);
                for (int i = 0; i < n; i++) pairs.Add(new($"fuzz_k{i}", i % 3 == 0 ? Q("v" + i) : i.ToString()));
                detail = $"{n:N0} extra keys";
                break;
            }
            case Mutation.DuplicateKeys:
            {
                var candidates = pairs.Where(p => !Protected.Contains(p.Key)).ToList();
                string key = candidates.Count > 0 ? Pick(r, candidates).Key : Pick(r, fields.Except(Protected).DefaultIfEmpty("prompt").ToArray());
                int copies = r.Next(2, 60);
                int at = Math.Max(0, pairs.FindIndex(p => p.Key == key));
                for (int i = 0; i < copies; i++) pairs.Insert(at, new(key, Pick(r, Values)));
                mutated = key;
                detail = $"{key} given {copies} extra times";
                break;
            }
            case Mutation.InvalidUtf8:
            {
                string[] strings = fields.Where(f => StringFields.Contains(f) && !Protected.Contains(f)).ToArray();
                string field = strings.Length > 0 ? Pick(r, strings) : "prompt";
                badBytes = Pick(r, InvalidUtf8);
                Set(field, Q("ab" + BadBytes + "cd"));
                detail = $"{field} := \"ab<{Convert.ToHexString(badBytes)}>cd\"";
                break;
            }
            case Mutation.Truncated:
                detail = "truncated";
                break;
            case Mutation.RootNotObject:
            {
                string root = Pick(r, ["", " ", "null", "[]", "[{}]", "\"x\"", "42", "true", "-0", "1e309", "[null,1,\"a\"]"]);
                body = Utf8(root);
                detail = $"root {Excerpt(root, 20)}";
                break;
            }
            case Mutation.ContentType:
                contentType = Pick(r, ContentTypes);
                if (contentType == "" ) contentType = null;
                detail = $"Content-Type: {contentType ?? "(none)"}";
                break;
            case Mutation.Header:
            {
                string token = fixture.App.Token;
                auth = Pick(r, new[]
                {
                    null, "", "Bearer", "Bearer ", "Basic YTpi", "Bearer " + RandomText(r, r.Next(1, 300)), "Bearer " + RandomText(r, 10_000),
                    "Bearer " + token + RandomText(r, 3), token, "bearer " + token, "Token " + token, "Bearer\t" + token, "Bearer " + token + " extra",
                });
                detail = $"Authorization: {(auth is null ? "(none)" : Excerpt(auth, 40))} ({auth?.Length ?? 0} chars)";
                break;
            }
            case Mutation.UnknownAction:
            {
                string value = Pick(r, UnknownActions);
                if (path is "/producer/audios" or "/producer/tasks") Set("action", Q(value));
                else Set("action", Q(Pick(r, ["generate", "lyrics", "stems", "retrieve", value])));
                detail = $"action := {Excerpt(Q(value), 30)}";
                break;
            }
            case Mutation.MethodOrPath:
            {
                if (r.Next(2) == 0)
                {
                    method = new HttpMethod(Pick(r, ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"]));
                    detail = $"method {method}";
                }
                else
                {
                    path = Pick(r, [path.ToUpperInvariant(), path + "/", path + "x", path + "/..", "/producer//" + path[10..], path + "%20", path + ";x=1"]);
                    detail = $"path {path}";
                }
                break;
            }
            case Mutation.UrlField:
            {
                string field = fields.Contains("coverArtUrl") && r.Next(2) == 0 ? "coverArtUrl" : "callback_url";
                // Lyrics run: only URLs no server would ever call go there at random; the private ones have their own probes.
                string url = path == "/producer/lyrics" ? Pick(r, NonHttpUrls) : Pick(r, [.. PrivateUrls, .. MorePrivateUrls, .. NonHttpUrls]);
                Set(field, Q(url));
                detail = $"{field} := {url}";
                break;
            }
            default: throw new InvalidOperationException();
        }

        bool songEndpoint = path.Contains("/producer/audios", StringComparison.OrdinalIgnoreCase)
            || FileEndpoints.Any(f => path.StartsWith(f, StringComparison.OrdinalIgnoreCase));
        if (body is null)
        {
            if (path.Contains("/producer/audios", StringComparison.OrdinalIgnoreCase)) Poison(pairs, mutated);
            string json = "{" + string.Join(",", pairs.Select(p => Q(p.Key) + ":" + p.Value)) + "}";
            body = Utf8(json);
            if (badBytes is not null) body = Replace(body, Utf8(BadBytes), badBytes);
            if (mutation == Mutation.Truncated)
            {
                int cut = r.Next(body.Length);
                body = body[..cut];
                detail = $"truncated to {cut} of {json.Length} bytes";
            }
        }

        string summary = $"{method} {path} {action ?? ""} {detail}".Replace("  ", " ");
        var expect = songEndpoint || method != HttpMethod.Post ? Expect.Refused : Expect.Any;
        return new Probe($"random {mutation}", summary, method, path, method == HttpMethod.Get ? null : body, expect, auth, contentType);
    }

    /// <summary>
    /// Appends fields that make any /producer/audios body invalid whatever its action: a vocal gender no voice has,
    /// read after every other field (or, when the gender itself was fuzzed, strengths out of range), and async.
    /// </summary>
    private static void Poison(List<KeyValuePair<string, string>> pairs, string? mutated)
    {
        KeyValuePair<string, string>[] poison = mutated is "vocal_gender" or "vocalGender"
            ? [new("sound_strength", "7"), new("lyricsStrength", "9")]
            : [new("vocal_gender", "\"zz\""), new("vocalGender", "\"zz\"")];
        pairs.RemoveAll(p => poison.Any(q => q.Key == p.Key) || p.Key == "async" && mutated != "async");
        pairs.AddRange(poison);
        if (mutated != "async") pairs.Add(new("async", "true"));
    }
}
