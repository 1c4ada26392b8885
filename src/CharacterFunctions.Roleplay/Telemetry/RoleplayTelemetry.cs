using System.Diagnostics;
using System.Diagnostics.Metrics;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Telemetry;

/// <summary>
/// The one ActivitySource and Meter of the product (System.Diagnostics only; hosts subscribe with
/// OpenTelemetry by <see cref="Name"/>). Attributes are ids, model names and outcomes — never chat text,
/// prompts or keys. Names are documented in docs/telemetry.md.
/// </summary>
public static class RoleplayTelemetry
{
    public const string Name = "CharacterFunctions.Roleplay";

    public const string SessionIdTag = "roleplay.session.id";
    public const string CharacterIdTag = "roleplay.character.id";
    public const string ModelTag = "gen_ai.request.model";
    public const string OutcomeTag = "roleplay.model.outcome";
    public const string TokenTypeTag = "gen_ai.token.type";
    public const string CurrencyTag = "roleplay.currency";
    public const string KindTag = "roleplay.message.kind";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> ModelDuration = Meter.CreateHistogram<double>(
        "roleplay.model.duration", "s", "Duration of a model call, all attempts included.");
    private static readonly Counter<long> ModelRetries = Meter.CreateCounter<long>(
        "roleplay.model.retries", "{retry}", "Model call attempts after the first.");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "roleplay.model.tokens", "{token}", "Tokens of successful model calls by type: input, output, cached (input served from the cache).");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "roleplay.model.cost", "{currency}", "Estimated cost of successful model calls, in the session's currency.");
    private static readonly Counter<long> Unprompted = Meter.CreateCounter<long>(
        "roleplay.unprompted.messages", "{message}", "Messages a character said unprompted: kind nudge (idle nudge fired) or reaction (game event reacted to).");

    /// <summary>A span for one model call (all attempts); null when nobody listens.</summary>
    public static Activity? StartModelCall(string? sessionId, string? characterId, string model, bool streaming)
    {
        var activity = Source.StartActivity("chat " + model, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }
        activity.SetTag(SessionIdTag, sessionId);
        activity.SetTag(CharacterIdTag, characterId);
        activity.SetTag(ModelTag, model);
        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("roleplay.model.streaming", streaming);
        return activity;
    }

    /// <summary>Ends a model call: duration, retries and outcome (<c>ok</c> or the failure kind).</summary>
    public static void ModelCallEnded(Activity? activity, string? sessionId, string? characterId, string model, TimeSpan duration, int attempts, string outcome, TokenUsage? usage = null)
    {
        var tags = new TagList { { SessionIdTag, sessionId }, { CharacterIdTag, characterId }, { ModelTag, model }, { OutcomeTag, outcome } };
        ModelDuration.Record(duration.TotalSeconds, tags);
        if (attempts > 1)
        {
            ModelRetries.Add(attempts - 1, tags);
        }
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            activity.SetTag("roleplay.model.attempts", attempts);
            if (usage is not null)
            {
                activity.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
                activity.SetTag("roleplay.usage.cached_tokens", usage.CachedTokens);
            }
            activity.SetStatus(outcome == "ok" ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome == "ok" ? null : outcome);
            activity.Dispose();
        }
    }

    /// <summary>Usage and estimated cost of one successful model call, as accounted on the session.</summary>
    public static void Accounted(string sessionId, string characterId, string model, TokenUsage usage, decimal cost, string currency)
    {
        var ids = new TagList { { SessionIdTag, sessionId }, { CharacterIdTag, characterId }, { ModelTag, model } };
        Tokens.Add(usage.PromptTokens, WithType(ids, "input"));
        Tokens.Add(usage.CompletionTokens, WithType(ids, "output"));
        Tokens.Add(usage.CachedTokens, WithType(ids, "cached"));
        var costTags = ids;
        costTags.Add(CurrencyTag, currency);
        Cost.Add((double)cost, costTags);
    }

    /// <summary>A nudge or reaction committed to the transcript.</summary>
    public static void UnpromptedCommitted(string sessionId, string characterId, MessageKind kind) =>
        Unprompted.Add(1, new TagList
        {
            { SessionIdTag, sessionId },
            { CharacterIdTag, characterId },
            { KindTag, kind == MessageKind.Nudge ? "nudge" : kind == MessageKind.Reaction ? "reaction" : "other" },
        });

    private static TagList WithType(TagList ids, string type)
    {
        var tags = ids;
        tags.Add(TokenTypeTag, type);
        return tags;
    }
}
