using CharacterFunctions.Api.Http;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class QueryRedactionTests
{
    [Theory]
    [InlineData("?code=abc", "?code=***")]
    [InlineData("?after=3&access_token=abc&waitSeconds=5", "?after=3&access_token=***&waitSeconds=5")]
    [InlineData("?CODE=abc&x-functions-key=k&clientSecret=s&sv=1&sig=z", "?CODE=***&x-functions-key=***&clientSecret=***&sv=1&sig=***")]
    [InlineData("?acc%65ss_token=abc", "?acc%65ss_token=***")]
    [InlineData("?token", "?token=***")]
    [InlineData("?after=3", "?after=3")]
    [InlineData("", "")]
    public void Redact_CredentialLikeNames_ValuesMaskedOthersKept(string query, string expected) =>
        Assert.Equal(expected, QueryRedaction.Redact(new QueryString(query.Length == 0 ? null : query)));
}
