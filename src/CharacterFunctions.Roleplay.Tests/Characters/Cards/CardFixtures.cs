using System.Text.Json.Nodes;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Models;

namespace CharacterFunctions.Roleplay.Tests.Characters.Cards;

/// <summary>
/// The hand-written fixtures (following the published V2/V3 specs; the PNGs were written by an
/// independent encoder, not by the product's writer) and the validator that turns a card into a profile.
/// </summary>
internal static class CardFixtures
{
    public static readonly CharacterValidator Validator = new(ModelCatalog.Default, new ModelOptions());

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Characters", "Cards", "Fixtures", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    public static CharacterProfile Profile(ImportedCard card, string id = "card") =>
        Validator.Validate(id, card.Definition).Value ?? throw new InvalidOperationException("The fixture card does not validate.");
}
