namespace CharacterFunctions.Storage.Sqlite;

/// <summary>Opaque concurrency tokens and If-Match semantics ("*" = must exist).</summary>
internal static class StoreETags
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>True when a write conditioned on <paramref name="ifMatch"/> may replace a record whose etag is <paramref name="current"/> (null = absent).</summary>
    public static bool Matches(string? ifMatch, string? current) =>
        ifMatch is null
        || (current is not null && (ifMatch == "*" || string.Equals(ifMatch, current, StringComparison.Ordinal)));
}
