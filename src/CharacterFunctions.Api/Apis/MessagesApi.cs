using System.Globalization;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Roleplay.Services;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Api.Apis;

/// <summary>
/// GET /api/sessions/{id}/messages?after=0&amp;limit=100&amp;waitSeconds=0 — a transcript page; with
/// waitSeconds the call long-polls until a newer message is committed (nudges, reactions).
/// </summary>
public static class MessagesApi
{
    public const int MaxLimit = 500;
    public const int MaxWaitSeconds = 60;

    public static Task<IResult> List(HttpRequest request, string sessionId, CancellationToken ct) =>
        ApiHandler.Run(request, async () =>
        {
            var caller = Callers.RequireSessionAccess(request, sessionId);
            var (after, limit, waitSeconds) = ParseQuery(request.Query);
            var sessions = request.HttpContext.RequestServices.GetRequiredService<SessionService>();

            var page = await sessions.ReadMessagesAsync(sessionId, caller, after, limit, ct);
            if (page.Count == 0 && waitSeconds > 0)
            {
                var waiter = request.HttpContext.RequestServices.GetRequiredService<ITranscriptWaiter>();
                if (await waiter.WaitAsync(sessionId, after, TimeSpan.FromSeconds(waitSeconds), ct))
                {
                    page = await sessions.ReadMessagesAsync(sessionId, caller, after, limit, ct);
                }
            }

            var lastSeq = page.Count == 0 ? after : page[^1].Seq;
            return ApiResults.Ok(new MessagePageResponse(MessageResponse.From(page), lastSeq));
        });

    private static (long After, int Limit, int WaitSeconds) ParseQuery(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var after = Parse(query, "after", 0L, 0, long.MaxValue, errors);
        var limit = (int)Parse(query, "limit", 100L, 1, MaxLimit, errors);
        var wait = (int)Parse(query, "waitSeconds", 0L, 0, MaxWaitSeconds, errors);
        return errors.IsEmpty ? (after, limit, wait) : throw RoleplayException.Invalid(errors.ToDictionary());
    }

    private static long Parse(IQueryCollection query, string name, long fallback, long min, long max, ValidationErrors errors)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"Must be an integer from {min} to {max}.");
            return fallback;
        }
        return value;
    }
}
