using System.Globalization;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;

namespace CharacterFunctions.Api;

/// <summary>
/// GET /api/sessions/{id}/messages?after=0&amp;limit=100&amp;waitSeconds=0 — a transcript page; with
/// waitSeconds (≤ 60) the call long-polls until a newer message is committed (nudges, reactions).
/// Ranges are checked by the core; only the query's number syntax is checked here.
/// </summary>
public static class MessagesApi
{
    public static Task<IResult> List(string sessionId, HttpRequest request, SessionService sessions, CallerAuthentication authentication, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId, authentication);
            var errors = new ValidationErrors();
            var after = Parse(request.Query, "after", 0, errors);
            var limit = Parse(request.Query, "limit", SessionService.DefaultPageSize, errors);
            var waitSeconds = Parse(request.Query, "waitSeconds", 0, errors);
            if (!errors.IsEmpty)
            {
                throw RoleplayException.Invalid(errors.ToDictionary());
            }

            var page = await sessions.ReadMessagesAsync(sessionId, caller, after, AsInt(limit), AsInt(waitSeconds), ct);
            var lastSeq = page.Count == 0 ? after : page[^1].Seq;
            return ApiResults.Ok(new MessagePageResponse(MessageResponse.From(page), lastSeq));
        });

    // Out-of-range values stay out of range (not wrapped), so the core reports them.
    private static int AsInt(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    private static long Parse(IQueryCollection query, string name, long fallback, ValidationErrors errors)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, "Must be an integer.");
            return fallback;
        }
        return value;
    }
}
