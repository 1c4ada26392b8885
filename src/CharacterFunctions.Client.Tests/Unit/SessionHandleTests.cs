using System.Text;

namespace CharacterFunctions.Client.Tests.Unit;

public sealed class SessionHandleTests
{
    [Fact]
    public void FromAccessToken_SessionToken_ReadsSessionPlayerAndExpiry()
    {
        var token = Jwt("""{"sid":"s-42","sub":"p-1","exp":1790000000}""");

        var handle = SessionHandle.FromAccessToken(token);

        Assert.Equal(("s-42", "p-1", token), (handle.SessionId, handle.PlayerId, handle.AccessToken));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1790000000), handle.ExpiresAt);
        Assert.DoesNotContain(token, handle.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.%%%.c")]
    public void FromAccessToken_NotAJwt_ThrowsArgumentException(string token) =>
        Assert.Throws<ArgumentException>(() => SessionHandle.FromAccessToken(token));

    [Fact]
    public void FromAccessToken_NoSessionClaim_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SessionHandle.FromAccessToken(Jwt("""{"sub":"p-1"}""")));

    private static string Jwt(string payload) =>
        $"{Segment("""{"alg":"HS256","typ":"JWT"}""")}.{Segment(payload)}.c2ln";

    private static string Segment(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
