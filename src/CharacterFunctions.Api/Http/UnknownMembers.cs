using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Lists every JSON property the target type does not declare, with its path (<c>options.tempreature</c>,
/// <c>players[1].nmae</c>), so one 400 names all typos instead of the deserialiser's first one.
/// Walks the serializer's own contract metadata, so it can never disagree with what is accepted.
/// </summary>
internal static class UnknownMembers
{
    /// <summary>At most this many are reported; a hostile body with thousands of keys gets a bounded answer.</summary>
    public const int MaxReported = 20;

    public static IReadOnlyList<string> Find(JsonElement element, JsonTypeInfo type)
    {
        var found = new List<string>();
        Walk(element, type, "", found);
        return found;
    }

    private static void Walk(JsonElement element, JsonTypeInfo type, string path, List<string> found)
    {
        if (found.Count >= MaxReported)
        {
            return;
        }
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    var declared = type.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.Ordinal));
                    if (declared is null)
                    {
                        if (found.Count < MaxReported)
                        {
                            found.Add(EchoBounds.Value(childPath));
                        }
                        continue;
                    }
                    Walk(property.Value, type.Options.GetTypeInfo(declared.PropertyType), childPath, found);
                }
                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && type.ElementType is { } itemType:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, type.Options.GetTypeInfo(itemType), $"{path}[{index++}]", found);
                }
                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && type.ElementType is { } valueType:
                // Keys are data (token ids of logitBias), not member names; only the values have a shape.
                foreach (var entry in element.EnumerateObject())
                {
                    Walk(entry.Value, type.Options.GetTypeInfo(valueType), $"{path}.{entry.Name}", found);
                }
                break;
        }
    }
}
