using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

/// <summary>Registration, configuration binding and start-up validation of the model client.</summary>
public sealed class AddCharacterModelTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCharacterModel(configuration);
        return services.BuildServiceProvider();
    }

    private static void ValidateAtStartup(ServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void AddCharacterModel_NoApiKey_UsesOfflineStandIn()
    {
        using var provider = Build([]);

        var model = provider.GetRequiredService<IChatModel>();

        Assert.IsType<StandInChatModel>(model);
        Assert.True(model.IsOffline);
    }

    [Fact]
    public async Task AddCharacterModel_BaseUrlWithoutApiKey_CallsThatEndpointWithoutAuthorization()
    {
        await using var server = await FakeModelServer.StartAsync();
        using var provider = Build(new() { ["Model:BaseUrl"] = server.BaseUrl });

        var model = provider.GetRequiredService<IChatModel>();
        var result = await model.CompleteAsync(ModelClientTestKit.Call("keyless"), CancellationToken.None);

        Assert.False(model.IsOffline);
        Assert.Equal("Reply 1 to: keyless", result.Completion!.Choices[0]);
        Assert.Null(Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void AddCharacterModel_ApiKeyInSection_UsesQwenClient()
    {
        using var provider = Build(new() { ["Model:ApiKey"] = "sk-1" });

        var model = provider.GetRequiredService<IChatModel>();

        Assert.IsType<QwenCharacterClient>(model);
        Assert.False(model.IsOffline);
    }

    [Fact]
    public void AddCharacterModel_DashScopeVariableOnly_FallsBackToIt()
    {
        using var provider = Build(new() { ["DASHSCOPE_API_KEY"] = "sk-env" });

        Assert.Equal("sk-env", provider.GetRequiredService<IOptions<ModelOptions>>().Value.ApiKey);
        Assert.IsType<QwenCharacterClient>(provider.GetRequiredService<IChatModel>());
    }

    [Fact]
    public void AddCharacterModel_BothKeys_SectionWins()
    {
        using var provider = Build(new() { ["Model:ApiKey"] = "sk-section", ["DASHSCOPE_API_KEY"] = "sk-env" });

        Assert.Equal("sk-section", provider.GetRequiredService<IOptions<ModelOptions>>().Value.ApiKey);
    }

    [Fact]
    public void AddCharacterModel_BindsTimingsAndRegion()
    {
        using var provider = Build(new()
        {
            ["Model:Region"] = "Singapore",
            ["Model:WorkspaceId"] = "ws1",
            ["Model:AttemptTimeout"] = "00:00:07",
            ["Model:MaxRetries"] = "1",
        });

        var options = provider.GetRequiredService<IOptions<ModelOptions>>().Value;
        ValidateAtStartup(provider);
        Assert.Equal(ModelRegion.Singapore, options.Region);
        Assert.Equal(TimeSpan.FromSeconds(7), options.AttemptTimeout);
        Assert.Equal(1, options.MaxRetries);
    }

    [Theory]
    [InlineData("Model:Region", "Singapore", "WorkspaceId")]
    [InlineData("Model:BaseUrl", "ftp://host/v1", "BaseUrl")]
    [InlineData("Model:AttemptTimeout", "00:00:00", "AttemptTimeout")]
    [InlineData("Model:TotalTimeout", "00:05:00", "TotalTimeout")]
    [InlineData("Model:MaxRetries", "-1", "MaxRetries")]
    [InlineData("Model:DefaultModel", " ", "DefaultModel")]
    [InlineData("Model:Currency", "USD", "no price list for region Beijing")]
    [InlineData("Model:Currency", "EUR", "Currency")]
    [InlineData("Model:DefaultModel", "qwen-plus-character-ja", "not offered in the Beijing (Chinese mainland) region")]
    public void AddCharacterModel_InvalidSetting_FailsAtStartup(string key, string value, string expectedInMessage)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => ValidateAtStartup(provider));

        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCharacterModel_Defaults_PassValidation()
    {
        using var provider = Build([]);

        ValidateAtStartup(provider);
        Assert.Equal(ModelEndpoint.BeijingBaseUrl, ModelEndpoint.ResolveBaseUrl(provider.GetRequiredService<IOptions<ModelOptions>>().Value).AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public async Task AddCharacterModel_WithFakeServer_CallsItThroughTheTypedClient()
    {
        await using var server = await FakeModelServer.StartAsync();
        using var provider = Build(new() { ["Model:BaseUrl"] = server.BaseUrl, ["Model:ApiKey"] = "sk-di" });

        var result = await provider.GetRequiredService<IChatModel>().CompleteAsync(ModelClientTestKit.Call("via DI"), CancellationToken.None);

        Assert.Equal("Reply 1 to: via DI", result.Completion!.Choices[0]);
        Assert.Equal("Bearer sk-di", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void AddCharacterModel_RegistersSystemTimeProviderOnlyIfAbsent()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        var custom = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(custom);
        services.AddCharacterModel(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<TimeProvider>());
    }
}
