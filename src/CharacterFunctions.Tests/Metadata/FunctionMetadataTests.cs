using System.Reflection;
using System.Text.Json.Nodes;

namespace CharacterFunctions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Functions Sdk generated for this build of the app: what the host reads to
/// know every function, its trigger and its bindings. A generator crash (CS8785) would leave functions out.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonArray> Functions = new(() =>
    {
        string path = typeof(FunctionMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadata").Value!;
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    });

    private static JsonObject Function(string name) =>
        Assert.Single(Functions.Value, f => (string?)f!["name"] == name)!.AsObject();

    private static JsonObject Trigger(string name) =>
        Assert.Single(Function(name)["bindings"]!.AsArray(), b => ((string?)b!["type"])!.EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    [Theory]
    [InlineData("Characters_Put", "put", "characters/{characterId}", "Function")]
    [InlineData("Characters_Get", "get", "characters/{characterId}", "Function")]
    [InlineData("Characters_List", "get", "characters", "Function")]
    [InlineData("Characters_Delete", "delete", "characters/{characterId}", "Function")]
    [InlineData("Characters_Import", "post", "characters/import", "Function")]
    [InlineData("Characters_Card", "get", "characters/{characterId}/card", "Function")]
    [InlineData("Sessions_Create", "post", "sessions", "Function")]
    [InlineData("Sessions_Get", "get", "sessions/{sessionId}", "Anonymous")]
    [InlineData("Sessions_End", "delete", "sessions/{sessionId}", "Anonymous")]
    [InlineData("Turns_Post", "post", "sessions/{sessionId}/turns", "Anonymous")]
    [InlineData("Turns_Regenerate", "post", "sessions/{sessionId}/regenerate", "Anonymous")]
    [InlineData("Turns_Select", "put", "sessions/{sessionId}/messages/{seq:long}/selection", "Anonymous")]
    [InlineData("Turns_Continue", "post", "sessions/{sessionId}/messages/{seq:long}/continue", "Anonymous")]
    [InlineData("Generate_Post", "post", "generate", "Function")]
    [InlineData("Turns_Preview", "post", "sessions/{sessionId}/turns/preview", "Function")]
    [InlineData("Messages_List", "get", "sessions/{sessionId}/messages", "Anonymous")]
    [InlineData("Health_Get", "get", "health", "Anonymous")]
    public void HttpFunction_InContract_HasItsRouteMethodAndAuthLevel(string name, string method, string route, string authLevel)
    {
        JsonObject trigger = Trigger(name);

        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
    }

    [Theory]
    [InlineData("Sessions_Create")]
    [InlineData("Sessions_Get")]
    [InlineData("Sessions_End")]
    [InlineData("Turns_Post")]
    [InlineData("Turns_Regenerate")]
    [InlineData("Turns_Select")]
    [InlineData("Turns_Continue")]
    [InlineData("Turns_Preview")]
    [InlineData("GameEventsFunction")]
    [InlineData("GenerateNudgeActivity")]
    [InlineData("GenerateReactionActivity")]
    [InlineData("TaskHubPurgeFunction")]
    public void Function_ThatReachesTheSessionActor_HasTheDurableClientBinding(string name)
    {
        Assert.Contains(Function(name)["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
    }

    [Fact]
    public void GameEventsFunction_TriggersOnTheQueueWithExplicitSettlement()
    {
        JsonObject trigger = Trigger("GameEventsFunction");

        Assert.Equal("serviceBusTrigger", (string?)trigger["type"]);
        Assert.Equal("game-events", (string?)trigger["queueName"]);
        Assert.Equal("ServiceBusConnection", (string?)trigger["connection"]);
        Assert.False((bool)trigger["autoCompleteMessages"]!);
        Assert.Equal("One", (string?)trigger["cardinality"]);
    }

    [Fact]
    public void SessionEntity_HasTheEntityTrigger()
    {
        Assert.Equal("entityTrigger", (string?)Trigger("SessionEntity")["type"]);
    }

    [Theory]
    [InlineData("NudgeOrchestration", "orchestrationTrigger")]
    [InlineData("ReactionOrchestration", "orchestrationTrigger")]
    [InlineData("PublishOrchestration", "orchestrationTrigger")]
    [InlineData("GenerateNudgeActivity", "activityTrigger")]
    [InlineData("GenerateReactionActivity", "activityTrigger")]
    [InlineData("PublishMessageActivity", "activityTrigger")]
    [InlineData("TaskHubPurgeFunction", "timerTrigger")]
    public void DurableAndTimerFunctions_HaveTheirTrigger(string name, string trigger)
    {
        Assert.Equal(trigger, (string?)Trigger(name)["type"]);
    }

    [Fact]
    public void Functions_All_AreExactlyTheAppsFunctions()
    {
        // Names, not a count: a new function must be added here on purpose, and a stale count cannot hide which.
        string[] expected =
        [
            "Characters_Card", "Characters_Delete", "Characters_Get", "Characters_Import", "Characters_List", "Characters_Put",
            "GameEventsFunction", "GenerateNudgeActivity", "GenerateReactionActivity", "Generate_Post", "Health_Get",
            "Messages_List", "NudgeOrchestration", "PublishMessageActivity", "PublishOrchestration", "ReactionOrchestration",
            "SessionEntity", "Sessions_Create", "Sessions_End", "Sessions_Get", "TaskHubPurgeFunction",
            "Turns_Continue", "Turns_Post", "Turns_Preview", "Turns_Regenerate", "Turns_Select",
        ];
        Assert.Equal(expected, Functions.Value.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal));
    }
}
