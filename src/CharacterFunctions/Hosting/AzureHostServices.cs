using Azure.Core;
using Azure.Core.Serialization;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Events;
using CharacterFunctions.Functions.Housekeeping;
using CharacterFunctions.Functions.Publishing;
using CharacterFunctions.Roleplay;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Storage.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CharacterFunctions.Functions.Hosting;

/// <summary>
/// Everything the Functions host adds around the core: Azure clients with managed identity, the Table
/// stores, Durable entities as session actors, and the topic publisher. Misconfiguration fails at start-up
/// with a message naming the setting, not at the first request.
/// </summary>
public static class AzureHostServices
{
    public static IServiceCollection AddCharacterFunctionsAzure(this IServiceCollection services, IConfiguration configuration)
    {
        KeyVaultReferences.EnsureResolved(configuration);
        services.AddRoleplayCore(configuration);
        services.AddCharacterModel(configuration);

        // One JSON shape for Durable inputs, outputs and entity state (camelCase, enums as strings).
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(RoleplayJson.Options));

        TokenCredential credential = CreateCredential(configuration);
        AddTables(services, configuration, credential);
        AddServiceBus(services, configuration, credential);

        AddHousekeeping(services, configuration);

        services.AddSingleton<DurableClientAccessor>();
        services.RemoveAll<ISessionActors>();
        services.AddSingleton<ISessionActors, DurableSessionActors>();
        services.AddTransient<IGameEventIntake, CoreGameEventIntake>();
        return services;
    }

    /// <summary>The app's user-assigned identity in Azure (AZURE_CLIENT_ID), the developer's login locally.</summary>
    private static TokenCredential CreateCredential(IConfiguration configuration) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] is { Length: > 0 } id ? id : null,
        });

    private static void AddTables(IServiceCollection services, IConfiguration configuration, TokenCredential credential)
    {
        AzureStorageOptions storage = configuration.GetSection(AzureStorageOptions.SectionName).Get<AzureStorageOptions>() ?? new();
        if (storage.Problem() is { } problem)
        {
            throw new InvalidOperationException($"Storage configuration: {problem}");
        }

        TableServiceClient tables = !string.IsNullOrWhiteSpace(storage.TableServiceUri)
            ? new TableServiceClient(new Uri(storage.TableServiceUri), credential)
            : new TableServiceClient(storage.ConnectionString);
        services.AddTableStores(tables, storage.TablePrefix);
        // Many instances write the tables: no head cache (a stale head costs a 412 and a second model call),
        // profiles for a few seconds only (Characters__CacheSeconds).
        services.CacheCharacters(configuration);
    }

    private static void AddHousekeeping(IServiceCollection services, IConfiguration configuration)
    {
        HousekeepingOptions housekeeping = configuration.GetSection(HousekeepingOptions.SectionName).Get<HousekeepingOptions>() ?? new();
        if (housekeeping.Problem() is { } problem)
        {
            throw new InvalidOperationException($"Housekeeping configuration: {problem}");
        }

        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(housekeeping));
    }

    private static void AddServiceBus(IServiceCollection services, IConfiguration configuration, TokenCredential credential)
    {
        ServiceBusSettings settings = ServiceBusSettings.From(configuration);
        if (settings.Problem() is { } problem)
        {
            throw new InvalidOperationException($"Service Bus configuration: {problem}");
        }

        services.AddSingleton(_ => settings.ConnectionString is { } connectionString
            ? new ServiceBusClient(connectionString)
            : new ServiceBusClient(settings.FullyQualifiedNamespace, credential));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(SessionMessagePublisher.TopicName));
        services.AddSingleton<SessionMessagePublisher>();
    }
}
