using System.Globalization;

namespace OpenProducer.Server.Accounts;

/// <summary>
/// What each request costs, in whole credits: by action (the endpoint's implied action for /producer/wav, /download,
/// /videos, /download-video and /lyrics), optionally by action and model (<c>generate@FUZZ-2.0 Pro</c>).
/// Operators set it with <c>PRODUCER_PRICES</c> ("generate=10,lyrics=1,generate@FUZZ-2.0 Pro=15"); what they leave out
/// keeps its default.
/// </summary>
public sealed class PriceTable
{
    public const long SongPrice = 10;

    /// <summary>The defaults: a new song 10 credits; files of a song and lyrics a fraction of that.</summary>
    public static readonly IReadOnlyDictionary<string, long> Defaults = new Dictionary<string, long>
    {
        ["generate"] = SongPrice, ["create_music"] = SongPrice, ["variation"] = SongPrice, ["music_variation"] = SongPrice,
        ["extend"] = SongPrice, ["extend_music"] = SongPrice, ["replace_section"] = SongPrice, ["replace_music"] = SongPrice,
        ["upload_extend"] = SongPrice, ["upload_replace_section"] = SongPrice, ["upload_cover"] = SongPrice,
        ["cover"] = SongPrice, ["cover_music"] = SongPrice, ["swap_vocals"] = SongPrice, ["swap_music_vocals"] = SongPrice,
        ["swap_instrumentals"] = SongPrice, ["swap_music_sound"] = SongPrice,
        ["stems"] = 4, ["all_stems"] = 6, ["wav"] = 2, ["download"] = 2, ["video"] = 5, ["lyrics"] = 1, ["upload"] = 2,
    };

    private readonly Dictionary<string, long> _prices;

    public PriceTable(string? spec = null)
    {
        _prices = new Dictionary<string, long>(Defaults, StringComparer.Ordinal);
        foreach (var item in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = item.LastIndexOf('=');
            if (eq <= 0 || !long.TryParse(item[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long price))
                throw new ArgumentException($"PRODUCER_PRICES: '{item}' is not action=credits (or action@model=credits)");
            _prices[item[..eq].Trim()] = price;
        }
    }

    public long For(string action, string model) =>
        _prices.TryGetValue($"{action}@{model}", out long byModel) ? byModel : _prices.GetValueOrDefault(action, SongPrice);
}
