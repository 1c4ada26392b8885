namespace CharacterFunctions.Roleplay.Models;

/// <summary>
/// One region's list prices in one currency. A region offers exactly the models its price list
/// prices, so the list is also the region's model list.
/// </summary>
public sealed record PriceList(string Region, string Currency, string Source, IReadOnlyDictionary<string, ModelPrice> Prices);
