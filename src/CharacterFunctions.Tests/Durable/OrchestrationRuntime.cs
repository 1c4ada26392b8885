using System.Collections.Concurrent;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Tests.Durable;

/// <summary>
/// The app's three orchestrations (their real <c>Run</c> methods) on the in-process Durable runtime
/// (orchestrations, activities, retries and durable timers), with stand-in activities, the app's data converter
/// on both worker and client, and the entity signals they send recorded in <see cref="Signals"/>.
/// </summary>
public sealed class OrchestrationRuntime : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private OrchestrationRuntime(DurableTaskTestHost host, ConcurrentQueue<RecordedSignal> signals)
    {
        _host = host;
        Signals = signals;
    }

    public DurableTaskClient Client => _host.Client;

    public ConcurrentQueue<RecordedSignal> Signals { get; }

    public static async Task<OrchestrationRuntime> StartAsync(Action<DurableTaskRegistry> activities)
    {
        var signals = new ConcurrentQueue<RecordedSignal>();
        DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddOrchestratorFunc<NudgeRequest, long?>(
                    nameof(NudgeOrchestration), (context, _) => NudgeOrchestration.Run(new EntitySignalRecordingContext(context, signals)));
                registry.AddOrchestratorFunc<GameEvent, int>(
                    nameof(ReactionOrchestration), (context, _) => ReactionOrchestration.Run(new EntitySignalRecordingContext(context, signals)));
                registry.AddOrchestratorFunc<PublishRequest, bool>(
                    nameof(PublishOrchestration), (context, _) => PublishOrchestration.Run(new EntitySignalRecordingContext(context, signals)));
                activities(registry);
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = AppHost.DataConverter);
                    services.ConfigureAll<GrpcDurableTaskClientOptions>(o => o.DataConverter = AppHost.DataConverter);
                },
            });
        return new OrchestrationRuntime(host, signals);
    }

    /// <summary>Runs one orchestration to its end and returns its final metadata (with input and output).</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestration, object input)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestration, input, timeout.Token);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
