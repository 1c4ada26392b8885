namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// Hard bounds on an imported card, checked before any work that grows with the input: a card is
/// untrusted upload, and real cards are far below these (a few KB of JSON in a few MB of image).
/// </summary>
public static class CardLimits
{
    /// <summary>A whole PNG card, image included.</summary>
    public const int MaxPngBytes = 8 * 1024 * 1024;

    /// <summary>A card's JSON, whether sent as the body or decoded from a PNG chunk.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    /// <summary>The base64 text of a <c>chara</c> / <c>ccv3</c> chunk: enough for <see cref="MaxJsonBytes"/>.</summary>
    public const int MaxBase64Length = (MaxJsonBytes + 2) / 3 * 4 + 4096;

    /// <summary>Chunks in one PNG (real images have a handful to a few hundred).</summary>
    public const int MaxChunks = 4096;

    /// <summary>Nesting of a card's JSON (extensions included).</summary>
    public const int MaxJsonDepth = 64;
}
