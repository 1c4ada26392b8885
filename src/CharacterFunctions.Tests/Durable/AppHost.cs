using Azure.Core.Serialization;
using CharacterFunctions.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Tests.Durable;

/// <summary>The app's own service registrations with local settings, and the Durable data converter they imply.</summary>
public static class AppHost
{
    public static readonly IReadOnlyDictionary<string, string?> LocalSettings = new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["ServiceBusConnection"] = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        ["Model:ApiKey"] = "test-key",
        ["Auth:SessionTokenSecret"] = "0123456789abcdef0123456789abcdef0123456789",
        ["Auth:OperatorKey"] = "operator-test-key",
    };

    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(configuration);
        services.AddCharacterFunctionsAzure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// What the Functions Durable extension uses for inputs, outputs and entity state: the worker's
    /// <see cref="WorkerOptions.Serializer"/> as the app configures it, wrapped as a Durable data converter.
    /// </summary>
    public static DataConverter DataConverter { get; } = CreateConverter();

    private static DataConverter CreateConverter()
    {
        using ServiceProvider app = Build(LocalSettings);
        ObjectSerializer serializer = app.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The app configures no WorkerOptions.Serializer.");
        return new ObjectSerializerConverter(serializer);
    }

    /// <summary>Same conversion as the extension's converter over the worker serializer (JSON text in, JSON text out).</summary>
    private sealed class ObjectSerializerConverter(ObjectSerializer serializer) : DataConverter
    {
        public override string? Serialize(object? value) => value is null ? null : serializer.Serialize(value).ToString();

        public override object? Deserialize(string? data, Type targetType) =>
            data is null ? null : serializer.Deserialize(BinaryData.FromString(data).ToStream(), targetType, CancellationToken.None);
    }
}
