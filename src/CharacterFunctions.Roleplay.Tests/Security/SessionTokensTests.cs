using CharacterFunctions.Roleplay.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Roleplay.Tests.Security;

public sealed class SessionTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private SessionTokens Tokens(string secret = "a-secret-shorter-than-32-bytes", TimeSpan? lifetime = null) =>
        new(Options.Create(new AuthOptions { SessionTokenSecret = secret, TokenLifetime = lifetime ?? TimeSpan.FromHours(24) }), _time);

    [Fact]
    public void Validate_FreshToken_ReturnsSessionAndPlayer()
    {
        var tokens = Tokens();

        var claims = tokens.Validate(tokens.Issue("s-1", "p-1"));

        Assert.Equal(("s-1", "p-1"), (claims!.SessionId, claims.PlayerId));
        Assert.Equal(_time.GetUtcNow().AddHours(24), claims.ExpiresAt);
    }

    [Fact]
    public void Validate_AfterLifetime_ReturnsNull()
    {
        var tokens = Tokens(lifetime: TimeSpan.FromHours(1));
        var token = tokens.Issue("s-1", "p-1");

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(tokens.Validate(token));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void Validate_SignedWithAnotherSecret_ReturnsNull()
    {
        var token = Tokens("secret-one").Issue("s-1", "p-1");

        Assert.Null(Tokens("secret-two").Validate(token));
    }

    [Fact]
    public void Validate_LongSecret_RoundTrips()
    {
        var tokens = Tokens(new string('k', 64));

        Assert.NotNull(tokens.Validate(tokens.Issue("s-1", "p-1")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzaWQiOiJzLTEiLCJzdWIiOiJwLTEifQ.")]
    public void Validate_Garbage_ReturnsNull(string token)
    {
        Assert.Null(Tokens().Validate(token));
    }

    [Fact]
    public void Validate_TamperedPayload_ReturnsNull()
    {
        var tokens = Tokens();
        var parts = tokens.Issue("s-1", "p-1").Split('.');
        var forged = Tokens().Issue("s-2", "p-1").Split('.');

        Assert.Null(tokens.Validate($"{parts[0]}.{forged[1]}.{parts[2]}"));
    }

    [Fact]
    public void Validate_SameValidTokenTwice_RemembersItOnce()
    {
        var tokens = Tokens();
        var token = tokens.Issue("s-1", "p-1");

        var first = tokens.Validate(token);
        var second = tokens.Validate(token);

        Assert.Equal(first, second);
        Assert.Equal(("s-1", "p-1"), (second!.SessionId, second.PlayerId));
        Assert.Equal(1, tokens.CachedTokenCount);
    }

    [Fact]
    public void Validate_RememberedTokenAfterClockPassesExpiry_ReturnsNull()
    {
        var tokens = Tokens(lifetime: TimeSpan.FromHours(1));
        var token = tokens.Issue("s-1", "p-1");
        Assert.NotNull(tokens.Validate(token));
        Assert.Equal(1, tokens.CachedTokenCount);

        // Past expiry plus the 30 s clock skew the library allows too.
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));

        Assert.Null(tokens.Validate(token));
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void Validate_RememberedTokenWithinClockSkew_StillValid()
    {
        var tokens = Tokens(lifetime: TimeSpan.FromHours(1));
        var token = tokens.Issue("s-1", "p-1");
        Assert.NotNull(tokens.Validate(token));

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(29));

        Assert.NotNull(tokens.Validate(token));
    }

    [Fact]
    public void Validate_GarbageAndForgedTokens_AreNotRemembered()
    {
        var tokens = Tokens();
        var parts = tokens.Issue("s-1", "p-1").Split('.');
        var expired = Tokens(lifetime: TimeSpan.FromMinutes(1)).Issue("s-1", "p-1");
        _time.Advance(TimeSpan.FromMinutes(2));

        for (var i = 0; i < 50; i++)
        {
            Assert.Null(tokens.Validate($"garbage-{i}"));
            Assert.Null(tokens.Validate($"{parts[0]}.{parts[1]}.{i}{parts[2][2..]}"));
        }
        Assert.Null(tokens.Validate(Tokens("another-secret").Issue("s-1", "p-1")));
        Assert.Null(tokens.Validate(expired));

        Assert.Equal(0, tokens.CachedTokenCount);
    }

    [Fact]
    public void Constructor_NoSecret_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tokens(""));
    }
}
