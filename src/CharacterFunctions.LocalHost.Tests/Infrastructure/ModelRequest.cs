using System.Text.Json.Nodes;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>One request the fake model endpoint received: its JSON body, the session header and all headers.</summary>
public sealed record ModelRequest(JsonObject Body, string? SessionHeader, IReadOnlyDictionary<string, string>? Headers = null)
{
    public IReadOnlyList<WireMessage> Messages =>
        Body["messages"]!.AsArray().Select(m => new WireMessage(
            m!["role"]!.GetValue<string>(),
            m["content"]!.GetValue<string>(),
            m["partial"]?.GetValue<bool>() ?? false)).ToList();

    public long? Seed => Body["seed"]?.GetValue<long>();
}

/// <summary>A chat message as sent on the wire.</summary>
public sealed record WireMessage(string Role, string Content, bool Partial = false)
{
    public static WireMessage System(string content) => new("system", content);
    public static WireMessage User(string content) => new("user", content);
    public static WireMessage Assistant(string content) => new("assistant", content);
    public static WireMessage PartialAssistant(string prefix) => new("assistant", prefix, true);
}
