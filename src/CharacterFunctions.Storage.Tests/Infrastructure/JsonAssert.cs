using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>Structural equality through the product's JSON shape (records holding lists compare lists by reference).</summary>
public static class JsonAssert
{
    public static void Same<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, RoleplayJson.Options), JsonSerializer.Serialize(actual, RoleplayJson.Options));

    public static void SameSequence<T>(IEnumerable<T> expected, IEnumerable<T> actual) =>
        Assert.Equal(
            expected.Select(e => JsonSerializer.Serialize(e, RoleplayJson.Options)),
            actual.Select(a => JsonSerializer.Serialize(a, RoleplayJson.Options)));
}
