using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Telemetry;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>
/// What a turn, a reaction and a nudge record on the core's ActivitySource and Meter (the names the
/// hosts export): session and character ids as attributes, never chat text, prompts or keys.
/// </summary>
public sealed class TelemetryTests : LocalHostTestBase, IDisposable
{
    private const string ChatText = "SECRET-CHAT-TEXT about my diary";
    private const string ReplyText = "(smiles) SECRET-REPLY-TEXT";

    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;

    public TelemetryTests(LocalHostFixture fixture) : base(fixture)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RoleplayTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RoleplayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task PostTurn_RetriedThenAnswered_RecordsLatencyRetriesTokensAndCostWithIds()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        Model.Fail(session.SessionId, 503);
        Model.ReplyWithUsage(session.SessionId, ReplyText, promptTokens: 120, completionTokens: 30, cachedTokens: 80);

        await Api.PostTurnAsync(session.SessionId, session.Token, new { turnId = Turn(), text = ChatText });

        var ofSession = For(session.SessionId);
        var duration = Assert.Single(ofSession, m => m.Instrument == "roleplay.model.duration");
        Assert.True(duration.Value > 0);
        Assert.Equal(character, duration.Tags[RoleplayTelemetry.CharacterIdTag]);
        Assert.Equal("ok", duration.Tags[RoleplayTelemetry.OutcomeTag]);
        Assert.Equal("qwen-plus-character", duration.Tags[RoleplayTelemetry.ModelTag]);
        Assert.Equal(1, Assert.Single(ofSession, m => m.Instrument == "roleplay.model.retries").Value);
        Assert.Equal(120, Tokens(ofSession, "input"));
        Assert.Equal(30, Tokens(ofSession, "output"));
        Assert.Equal(80, Tokens(ofSession, "cached"));
        var cost = Assert.Single(ofSession, m => m.Instrument == "roleplay.model.cost");
        Assert.True(cost.Value > 0);
        Assert.Equal("CNY", cost.Tags[RoleplayTelemetry.CurrencyTag]);

        var span = Assert.Single(_activities, a => Equals(a.GetTagItem(RoleplayTelemetry.SessionIdTag), session.SessionId));
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(character, span.GetTagItem(RoleplayTelemetry.CharacterIdTag));
        Assert.Equal(2, span.GetTagItem("roleplay.model.attempts"));
        Assert.Equal(120L, span.GetTagItem("gen_ai.usage.input_tokens"));
        AssertNoChatTextOrKeys();
    }

    [Fact]
    public async Task PostEvent_ReactNow_CountsReactionWithIds()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        Model.Reply(session.SessionId, ReplyText);

        using (var accepted = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/events",
            new { eventId = "e-telemetry", text = ChatText, react = true }))
        {
            await ApiClient.ExpectJsonAsync(accepted, HttpStatusCode.Accepted);
        }
        await Api.WaitForSeqAsync(session.SessionId, session.Token, 3);

        var reaction = Assert.Single(await UnpromptedAsync(session.SessionId));
        Assert.Equal(1, reaction.Value);
        Assert.Equal("reaction", reaction.Tags[RoleplayTelemetry.KindTag]);
        Assert.Equal(character, reaction.Tags[RoleplayTelemetry.CharacterIdTag]);
        AssertNoChatTextOrKeys();
    }

    [Fact]
    public async Task IdleSession_NudgeFired_CountsNudgeWithIds()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character, idleAfterSeconds: 1, maxNudges: 1);
        Model.Reply(session.SessionId, ReplyText);

        await Api.WaitForSeqAsync(session.SessionId, session.Token, 2);

        var nudge = Assert.Single(await UnpromptedAsync(session.SessionId));
        Assert.Equal("nudge", nudge.Tags[RoleplayTelemetry.KindTag]);
        Assert.Equal(character, nudge.Tags[RoleplayTelemetry.CharacterIdTag]);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }
        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    // Other test classes run in parallel: only this session's measurements count.
    private List<Measurement> For(string sessionId) =>
        _measurements.Where(m => Equals(m.Tags.GetValueOrDefault(RoleplayTelemetry.SessionIdTag), sessionId)).ToList();

    /// <summary>
    /// The session's unprompted-message counts, once there is one: the counter is added after the commit returns,
    /// so a client can see the message a moment before it is counted.
    /// </summary>
    private async Task<List<Measurement>> UnpromptedAsync(string sessionId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var counted = For(sessionId).Where(m => m.Instrument == "roleplay.unprompted.messages").ToList();
            if (counted.Count > 0 || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return counted;
            }
            await Task.Delay(10);
        }
    }

    private static double Tokens(List<Measurement> measurements, string type) =>
        measurements.Where(m => m.Instrument == "roleplay.model.tokens" && Equals(m.Tags[RoleplayTelemetry.TokenTypeTag], type)).Sum(m => m.Value);

    private void AssertNoChatTextOrKeys()
    {
        var values = _measurements.SelectMany(m => m.Tags.Values)
            .Concat(_activities.SelectMany(a => a.TagObjects.Select(t => t.Value)))
            .Concat(_activities.Select(a => (object?)a.DisplayName))
            .Select(v => v?.ToString() ?? "")
            .ToList();
        Assert.NotEmpty(values);
        foreach (var secret in new[] { "SECRET-CHAT-TEXT", "SECRET-REPLY-TEXT", JiangRangPrompt[..20], OpeningLine, LocalHostFixture.OperatorKey, "test-model-key" })
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);
}
