namespace CharacterFunctions.Roleplay.Models;

/// <summary>
/// The list prices of the seeds and which region each list belongs to. Seed 003 names the regions'
/// models (Beijing: qwen-plus-character; Singapore: qwen-plus-character-ja, "the Japanese model"); seed
/// 002's two tables are the newer, fuller lists and include 003's, so they decide which models a region offers.
/// </summary>
public static class PriceLists
{
    public const string Cny = "CNY";
    public const string Usd = "USD";

    public const string BeijingRegion = "Beijing (Chinese mainland)";
    public const string InternationalRegion = "International (Singapore)";

    /// <summary>Seed 002 "Chinese mainland" table (seed 001 gives the same plus/flash prices in 元).</summary>
    public static readonly PriceList BeijingCny = new(BeijingRegion, Cny, "seed 002, Chinese mainland table", new Dictionary<string, ModelPrice>
    {
        ["qwen-plus-character"] = ModelPrice.Of(0.8m, 2m, Cny),
        ["qwen-flash-character"] = ModelPrice.Of(0.25m, 1.5m, Cny),
        ["qwen-flash-character-2026-02-26"] = ModelPrice.Of(0.18m, 1.5m, Cny),
    });

    /// <summary>
    /// Seed 002 "International" table, priced in CNY for China-site accounts (seed 001's CNY price of the
    /// Japanese model, which only Singapore offers, is the same 3.67 / 10.275).
    /// </summary>
    public static readonly PriceList InternationalCny = new(InternationalRegion, Cny, "seed 002, International table", new Dictionary<string, ModelPrice>
    {
        ["qwen-plus-character"] = ModelPrice.Of(3.747m, 10.492m, Cny),
        ["qwen-flash-character"] = ModelPrice.Of(0.375m, 2.998m, Cny),
        ["qwen-plus-character-ja"] = ModelPrice.Of(3.67m, 10.275m, Cny),
    });

    /// <summary>
    /// Seed 004, the international site's page, in dollars: International prices (seed 003 gives the same
    /// $0.5 / $1.4 for the Singapore model). Seed 003's $0.115 / $0.287 for Beijing covers only
    /// qwen-plus-character, so there is no complete Beijing USD list.
    /// </summary>
    public static readonly PriceList InternationalUsd = new(InternationalRegion, Usd, "seed 004, Supported models", new Dictionary<string, ModelPrice>
    {
        ["qwen-plus-character"] = ModelPrice.Of(0.5m, 1.4m, Usd),
        ["qwen-flash-character"] = ModelPrice.Of(0.05m, 0.4m, Usd),
        ["qwen-plus-character-ja"] = ModelPrice.Of(0.5m, 1.4m, Usd),
    });

    public static readonly IReadOnlyList<PriceList> All = [BeijingCny, InternationalCny, InternationalUsd];

    /// <summary>International accounts are billed in dollars; Beijing has only a CNY list.</summary>
    public static string DefaultCurrency(ModelRegion region) => region == ModelRegion.Beijing ? Cny : Usd;

    /// <summary>The list for a region and currency (null currency: the region's default); null when the seeds have none.</summary>
    public static PriceList? For(ModelRegion region, string? currency)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? DefaultCurrency(region) : currency.Trim().ToUpperInvariant();
        var name = region == ModelRegion.Beijing ? BeijingRegion : InternationalRegion;
        return All.FirstOrDefault(list => list.Region == name && list.Currency == code);
    }
}
