using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Validates a PUT body into a profile; every rule on character fields lives here.</summary>
public sealed class CharacterValidator(ModelCatalog catalog, ModelOptions options)
{
    public Validated<CharacterProfile> Validate(string characterId, CharacterDefinition? definition) =>
        throw new NotImplementedException($"issue #2 {catalog} {options} {characterId} {definition}");
}
