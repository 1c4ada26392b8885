using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>Creating, inspecting, ending and reading sessions.</summary>
public sealed partial class SessionService(
    ISessionStore sessions,
    ICharacterStore characters,
    ISessionActors actors,
    SessionTokens tokens,
    ModelCatalog catalog,
    ITranscriptWaiter waiter,
    SessionCommitter committer,
    TimeProvider time,
    IOptions<SessionDefaults> defaults,
    ILogger<SessionService> logger)
{
    public const int MaxCharacters = 8;
    public const int MaxPlayers = 16;
    public const int MaxNameLength = 64;
    public const int MaxScenarioLength = 4000;
    public const int MaxIdleSeconds = 86_400;
    public const int MaxNudges = 10;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    public const int MaxWaitSeconds = 60;

    [GeneratedRegex(@"\A[A-Za-z0-9_.-]{1,64}\z")]
    private static partial Regex PlayerIdPattern();

    public async Task<CreatedSession> CreateAsync(CreateSessionRequest? request, CancellationToken ct)
    {
        if (request is null)
        {
            throw RoleplayException.Invalid("body", "A JSON body is required.");
        }
        var errors = new ValidationErrors();
        var profiles = await ValidateCharactersAsync(request.CharacterIds, errors, ct);
        var players = ValidatePlayers(request.Players, errors);
        if (request.Scenario is { Length: > MaxScenarioLength })
        {
            errors.Add("scenario", $"At most {MaxScenarioLength} characters.");
        }
        var idle = request.Idle is null ? defaults.Value.DefaultIdle : ValidateIdle(request.Idle, errors);
        var greetings = ChooseGreetings(request.Greetings, profiles, errors);
        var memoryKey = MemoryKeyRules.Choose(request.MemoryKey, profiles, players, errors);
        if (!errors.IsEmpty)
        {
            throw RoleplayException.Invalid(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var sessionId = Guid.NewGuid().ToString("N");
        // Card macros resolved once: the opening is stored as the players saw it.
        var openings = TranscriptMessage.Openings(
            profiles.Select(p => (p.Id, p.Name, (string?)CardMacros.Resolve(greetings.GetValueOrDefault(p.Id, p.OpeningLine) ?? "", p.Name, CardMacros.UserName(players)))),
            now);

        var record = new SessionRecord
        {
            SessionId = sessionId,
            CharacterIds = profiles.Select(p => p.Id).ToList(),
            Players = players,
            Scenario = string.IsNullOrWhiteSpace(request.Scenario) ? null : request.Scenario,
            Idle = idle,
            MemoryKey = memoryKey,
            CreatedAt = now,
            LastSeq = openings.Count,
            Currency = catalog.TryGet(profiles[0].Model, out var spec) ? spec.Price.Currency : "CNY",
        };
        await sessions.CreateAsync(record, openings, ct);
        await actors.SendAsync(sessionId, new SessionOperation.Start(sessionId, idle, openings.Count), ct);

        var accessTokens = players.ToDictionary(p => p.PlayerId, p => tokens.Issue(sessionId, p.PlayerId), StringComparer.Ordinal);
        logger.LogInformation("Session {SessionId} created: {Characters} characters, {Players} players, idle {IdleSeconds}s",
            sessionId, profiles.Count, players.Count, idle.AfterSeconds);
        return new CreatedSession(sessionId, accessTokens, openings);
    }

    public async Task<SessionView> GetAsync(string sessionId, Caller caller, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var session = await committer.RequireSessionAsync(sessionId, ct);
        var list = new List<SessionCharacter>();
        foreach (var id in session.CharacterIds)
        {
            var profile = await characters.GetAsync(id, ct);
            list.Add(new SessionCharacter(id, profile?.Name, profile?.Model));
        }
        var state = await actors.GetStateAsync(sessionId, ct);
        return new SessionView
        {
            SessionId = session.SessionId,
            Status = session.Status,
            Characters = list,
            Players = session.Players,
            Scenario = session.Scenario,
            MemoryKey = session.MemoryKey,
            LastSeq = session.LastSeq,
            Idle = session.Idle,
            PendingEvents = state?.PendingEvents.Count ?? 0,
            Usage = session.Usage,
            EstimatedCost = session.EstimatedCost,
            Currency = session.Currency,
            CreatedAt = session.CreatedAt,
            EndedAt = session.EndedAt,
        };
    }

    /// <summary>Ends the session (idempotent): later turns get 410, timers stop, the transcript stays readable.</summary>
    public async Task EndAsync(string sessionId, Caller caller, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var ended = await committer.CommitAsync(sessionId, HeadRule.Ending, (session, _) => Task.FromResult(session.Status == SessionStatus.Ended
            ? CommitPlan<bool>.Nothing(false)
            : new CommitPlan<bool>(new SessionCommit(session, session with { Status = SessionStatus.Ended, EndedAt = time.GetUtcNow() }, [], []), true, [], [])), ct);
        if (ended.Session is { } stored)
        {
            logger.LogInformation("Session {SessionId} ended at seq {Seq}", sessionId, stored.LastSeq);
        }
        // Sent even when already ended, so an actor that missed it catches up.
        await actors.SendAsync(sessionId, new SessionOperation.End(), ct);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> messages after <paramref name="afterSeq"/>. With <paramref name="waitSeconds"/> &gt; 0 and nothing
    /// newer, waits (long poll) until something is committed or the time is up.
    /// </summary>
    public async Task<IReadOnlyList<TranscriptMessage>> ReadMessagesAsync(
        string sessionId, Caller caller, long afterSeq, int limit, int waitSeconds, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (afterSeq < 0)
        {
            errors.Add("after", "Must be 0 or more.");
        }
        if (limit is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"Must be from 1 to {MaxPageSize}.");
        }
        if (waitSeconds is < 0 or > MaxWaitSeconds)
        {
            errors.Add("waitSeconds", $"Must be from 0 to {MaxWaitSeconds}.");
        }
        if (!errors.IsEmpty)
        {
            throw RoleplayException.Invalid(errors.ToDictionary());
        }
        SessionAccess.Demand(caller, sessionId);
        var session = await committer.RequireSessionAsync(sessionId, ct);

        var page = session.LastSeq > afterSeq ? await sessions.ReadPageAsync(sessionId, afterSeq, limit, ct) : [];
        if (page.Count == 0 && waitSeconds > 0 && session.Status == SessionStatus.Active)
        {
            await waiter.WaitForNewerAsync(sessionId, afterSeq, TimeSpan.FromSeconds(waitSeconds), ct);
            page = await sessions.ReadPageAsync(sessionId, afterSeq, limit, ct);
        }
        return page;
    }

    private async Task<IReadOnlyList<CharacterProfile>> ValidateCharactersAsync(List<string>? ids, ValidationErrors errors, CancellationToken ct)
    {
        if (ids is null || ids.Count is 0 or > MaxCharacters)
        {
            errors.Add("characterIds", $"Give 1 to {MaxCharacters} character ids.");
            return [];
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            errors.Add("characterIds", "Each character may appear once.");
            return [];
        }
        var profiles = new List<CharacterProfile>();
        foreach (var id in ids)
        {
            var profile = string.IsNullOrEmpty(id) ? null : await characters.GetAsync(id, ct);
            if (profile is null)
            {
                errors.Add("characterIds", $"Unknown character '{id}'.");
            }
            else
            {
                profiles.Add(profile);
            }
        }
        return profiles;
    }

    /// <summary>The chosen opening per character: index 0 is the opening line, i the i-th alternate greeting.</summary>
    private static Dictionary<string, string?> ChooseGreetings(Dictionary<string, int>? choices, IReadOnlyList<CharacterProfile> profiles, ValidationErrors errors)
    {
        var chosen = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (characterId, index) in choices ?? [])
        {
            var profile = profiles.FirstOrDefault(p => p.Id == characterId);
            if (profile is null)
            {
                errors.Add($"greetings.{characterId}", "Not a character of this session.");
            }
            else if (index < 0 || index > profile.AlternateGreetings.Count)
            {
                errors.Add($"greetings.{characterId}", $"Must be 0 (the opening line) to {profile.AlternateGreetings.Count} (the alternate greetings).");
            }
            else
            {
                chosen[characterId] = index == 0 ? profile.OpeningLine : profile.AlternateGreetings[index - 1];
            }
        }
        return chosen;
    }

    private static List<Player> ValidatePlayers(List<PlayerDefinition>? definitions, ValidationErrors errors)
    {
        if (definitions is null || definitions.Count is 0 or > MaxPlayers)
        {
            errors.Add("players", $"Give 1 to {MaxPlayers} players.");
            return [];
        }
        var players = new List<Player>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var id = definition?.PlayerId;
            // An omitted name falls back to the id, so a quick test session needs no display names;
            // a name that is given must still be usable as a speaker prefix.
            var name = definition?.Name is null ? id : definition.Name.Trim();
            if (id is null || !PlayerIdPattern().IsMatch(id))
            {
                errors.Add($"players[{i}].playerId", "Required: 1 to 64 of A-Z a-z 0-9 _ . -");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"players[{i}].playerId", $"Duplicate player id '{id}'.");
            }
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            {
                errors.Add($"players[{i}].name", $"Required: 1 to {MaxNameLength} characters.");
            }
            if (id is not null && !string.IsNullOrEmpty(name))
            {
                players.Add(new Player(id, name));
            }
        }
        return players;
    }

    private static IdlePolicy ValidateIdle(IdleDefinition idle, ValidationErrors errors)
    {
        var after = idle.AfterSeconds ?? 0;
        if (after is < 0 or > MaxIdleSeconds)
        {
            errors.Add("idle.afterSeconds", $"Must be from 0 to {MaxIdleSeconds}.");
        }
        var nudges = idle.MaxNudges ?? (after > 0 ? 1 : 0);
        if (nudges is < 0 or > MaxNudges)
        {
            errors.Add("idle.maxNudges", $"Must be from 0 to {MaxNudges}.");
        }
        return new IdlePolicy(after, nudges);
    }
}
