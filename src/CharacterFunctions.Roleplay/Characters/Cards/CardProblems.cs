using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>The problems a rejected card produces: 400 naming the field, or 413 for too much data.</summary>
internal static class CardProblems
{
    public static RoleplayException Invalid(string field, string message) =>
        new(ProblemKind.Validation, "The character card is not valid.", "See errors for what is wrong with the card.",
            new Dictionary<string, string[]> { [field] = [message] });

    public static RoleplayException TooLarge(string detail) =>
        new(ProblemKind.PayloadTooLarge, "Character card too large.", detail);
}
