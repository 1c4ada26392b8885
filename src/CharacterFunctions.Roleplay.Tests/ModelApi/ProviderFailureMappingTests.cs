using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.ModelApi.Wire;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

public sealed class ProviderFailureMappingTests
{
    [Theory]
    [InlineData("""{"error":{"message":"m","type":"invalid_request_error","code":"invalid_parameter_error"},"request_id":"r1"}""", "invalid_parameter_error", "invalid_request_error", "m", "r1")]
    [InlineData("""{"error":{"message":"m","type":"insufficient_quota","code":null},"id":"r2"}""", null, "insufficient_quota", "m", "r2")]
    [InlineData("""{"code":"Arrearage","message":"Access denied","request_id":"r3"}""", "Arrearage", null, "Access denied", "r3")]
    [InlineData("""{"error":"plain text","request_id":"r4"}""", null, null, "plain text", "r4")]
    [InlineData("""<html>502 Bad Gateway</html>""", null, null, null, null)]
    [InlineData("", null, null, null, null)]
    public void Parse_BothErrorShapes_ReadsCodeTypeMessageAndRequestId(string body, string? code, string? type, string? message, string? requestId)
    {
        Assert.Equal(new ProviderError(code, type, message, requestId), ProviderError.Parse(body));
    }

    [Theory]
    [InlineData("insufficient_quota", true)]
    [InlineData("Arrearage", true)]
    [InlineData("AllocationQuota.FreeTierOnly", true)]
    [InlineData("QUOTA_EXCEEDED", true)]
    [InlineData("Throttling.RateQuota", false)]
    [InlineData("limit_requests", false)]
    [InlineData(null, false)]
    public void IsQuotaOrArrears_ByCode(string? code, bool expected)
    {
        Assert.Equal(expected, ProviderFailureMapping.IsQuotaOrArrears(new ProviderError(code, null, "x", null)));
    }

    [Theory]
    [InlineData(400, ModelFailureKind.BadRequest)]
    [InlineData(413, ModelFailureKind.BadRequest)]
    [InlineData(401, ModelFailureKind.Unauthorized)]
    [InlineData(403, ModelFailureKind.Unauthorized)]
    [InlineData(404, ModelFailureKind.Unavailable)]
    [InlineData(408, ModelFailureKind.Timeout)]
    [InlineData(429, ModelFailureKind.RateLimited)]
    [InlineData(500, ModelFailureKind.Unavailable)]
    [InlineData(503, ModelFailureKind.Unavailable)]
    public void FromStatus_WithoutQuotaCode_MapsByStatus(int status, ModelFailureKind expected)
    {
        var failure = ProviderFailureMapping.FromStatus(status, new ProviderError("some_code", null, "msg", "rid"), TimeSpan.FromSeconds(3), null);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Equal("rid", failure.RequestId);
    }

    [Fact]
    public void FromStatus_RequestIdOnlyInHeader_UsesHeader()
    {
        var failure = ProviderFailureMapping.FromStatus(500, ProviderError.None, null, "hdr-1");

        Assert.Equal("hdr-1", failure.RequestId);
        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "limit_requests", true)]
    [InlineData(429, "insufficient_quota", false)]
    [InlineData(500, null, true)]
    [InlineData(400, "invalid_parameter_error", false)]
    [InlineData(401, null, false)]
    public void IsRetryable_ByStatusAndCode(int status, string? code, bool expected)
    {
        Assert.Equal(expected, ProviderFailureMapping.IsRetryable(status, new ProviderError(code, null, null, null)));
    }
}
