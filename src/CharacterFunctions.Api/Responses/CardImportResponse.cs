namespace CharacterFunctions.Api.Responses;

/// <summary>
/// POST /api/characters/import: the stored character, the card's spec, and the card fields that carry
/// a value but do not affect prompts here (kept in cardData and exported again, never used).
/// </summary>
public sealed record CardImportResponse : CharacterResponse
{
    public CardImportResponse(CharacterResponse character, string spec, IReadOnlyList<string> unsupportedFields)
        : base(character)
    {
        Spec = spec;
        UnsupportedFields = unsupportedFields;
    }

    public string Spec { get; init; }
    public IReadOnlyList<string> UnsupportedFields { get; init; }
}
