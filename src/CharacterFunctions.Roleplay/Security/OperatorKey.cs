using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Security;

/// <summary>Checks a presented operator key against <see cref="AuthOptions.OperatorKey"/> without leaking timing.</summary>
public sealed class OperatorKey(IOptions<AuthOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.OperatorKey)
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.OperatorKey));

    /// <summary>True when configured and equal. Both sides are hashed first so lengths do not leak either.</summary>
    public bool Matches(string? presented)
    {
        if (_expected is null || string.IsNullOrEmpty(presented))
        {
            return false;
        }
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(actual, _expected);
    }
}
