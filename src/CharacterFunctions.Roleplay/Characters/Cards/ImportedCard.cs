namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// A parsed card: the character definition it maps to, the spec it declared, and the card fields
/// that carry a value but do not change prompts here (kept in cardData, reported to the importer).
/// </summary>
public sealed record ImportedCard(CharacterDefinition Definition, string Spec, IReadOnlyList<string> UnsupportedFields);
