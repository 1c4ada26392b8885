using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CharacterFunctions.Api.Http;

/// <summary>
/// Timestamps on the wire are ISO 8601 UTC with a <c>Z</c> and millisecond precision
/// (<c>2026-11-23T10:42:16.114Z</c>): the form every client parser accepts. Stored records keep
/// full precision; only what clients see is shaped here.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
