using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// <c>Characters__CacheSeconds</c>: how long a host whose store other instances also write (Azure) may serve a
/// character profile from memory. Whole seconds, 0 turns the cache off; default 10.
/// </summary>
public static class CharacterCacheSettings
{
    public const string Key = "Characters:CacheSeconds";
    public const int DefaultSeconds = 10;
    public const int MaxSeconds = 3600;

    /// <summary>The max age to cache with, or null for no cache. Throws naming the setting when it is not 0..3600.</summary>
    public static TimeSpan? MaxAge(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        var seconds = DefaultSeconds;
        if (!string.IsNullOrWhiteSpace(value)
            && (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) || seconds is < 0 or > MaxSeconds))
        {
            throw new InvalidOperationException(
                $"Characters__CacheSeconds must be a whole number of seconds from 0 (no cache) to {MaxSeconds}; it is '{value}'.");
        }
        return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
    }
}
