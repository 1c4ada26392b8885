using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

public sealed class ModelEndpointTests
{
    [Theory]
    [InlineData(ModelRegion.Beijing, null, "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions")]
    [InlineData(ModelRegion.International, null, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions")]
    [InlineData(ModelRegion.Singapore, "ws-123abc", "https://ws-123abc.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1/chat/completions")]
    public void ChatCompletionsUrl_ByRegion_IsTheDocumentedEndpoint(ModelRegion region, string? workspace, string expected)
    {
        var options = new ModelOptions { Region = region, WorkspaceId = workspace };

        Assert.Equal(expected, ModelEndpoint.ChatCompletionsUrl(options).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/compatible-mode/v1")]
    [InlineData("http://127.0.0.1:5000/compatible-mode/v1/")]
    public void ChatCompletionsUrl_ExplicitBaseUrl_WinsOverRegionWithOrWithoutTrailingSlash(string baseUrl)
    {
        var options = new ModelOptions { BaseUrl = baseUrl, Region = ModelRegion.Singapore };

        Assert.Equal("http://127.0.0.1:5000/compatible-mode/v1/chat/completions", ModelEndpoint.ChatCompletionsUrl(options).AbsoluteUri);
    }

    [Fact]
    public void ResolveBaseUrl_SingaporeWithoutWorkspace_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ModelEndpoint.ResolveBaseUrl(new ModelOptions { Region = ModelRegion.Singapore }));

        Assert.Contains("WorkspaceId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/relative/v1")]
    [InlineData("not a url")]
    public void TryResolveBaseUrl_BaseUrlNotAbsoluteHttp_Fails(string baseUrl)
    {
        Assert.False(ModelEndpoint.TryResolveBaseUrl(new ModelOptions { BaseUrl = baseUrl }, out _, out var error));
        Assert.Contains("BaseUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolveBaseUrl_WorkspaceWithDots_IsRejected()
    {
        var options = new ModelOptions { Region = ModelRegion.Singapore, WorkspaceId = "evil.example.com/x" };

        Assert.False(ModelEndpoint.TryResolveBaseUrl(options, out _, out _));
    }
}
