using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Sessions;

/// <summary>
/// Drives the reducer with random operation sequences (fixed seeds, so failures reproduce) and a
/// simulated host that commits requested nudges only when the transcript still ends where the
/// nudge was based (and reports the others as failed), then checks invariants after every step.
/// </summary>
public sealed class SessionReducerPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomOperations_InvariantsHold(int seed)
    {
        var random = new Random(seed);
        var idle = new IdlePolicy(random.Next(1, 60), random.Next(1, 4));
        var now = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var transcriptLastSeq = (long)random.Next(0, 2);
        var state = SessionReducer.Apply(new SessionActorState(), new SessionOperation.Start("s", idle, transcriptLastSeq), now).State;

        var requestedNudges = new List<SessionEffect.GenerateNudge>();
        var nudgesSinceUser = 0;
        var eventCounter = 0;

        for (var step = 0; step < 300; step++)
        {
            now = now.AddMilliseconds(random.Next(0, 2 * idle.AfterSeconds * 1000));
            var operation = NextOperation(random, state, requestedNudges, ref transcriptLastSeq, ref eventCounter, out var committedNudge);
            var before = state;

            var decision = SessionReducer.Apply(state, operation, now);
            state = decision.State;

            if (operation is SessionOperation.Activity { Kind: MessageKind.User } && decision.Applied)
            {
                nudgesSinceUser = 0;
            }

            if (committedNudge && decision.Applied)
            {
                nudgesSinceUser++;
            }

            // The generation never goes backwards, so a stale due signal can never become current again.
            Assert.True(state.TimerGeneration >= before.TimerGeneration, $"seed {seed} step {step}: generation went backwards");
            Assert.True(state.LastSeq >= before.LastSeq);

            foreach (var nudge in decision.Effects.OfType<SessionEffect.GenerateNudge>())
            {
                Assert.False(before.Ended, $"seed {seed} step {step}: nudge requested for an ended session");
                Assert.True(before.NudgesInARow < idle.MaxNudges, $"seed {seed} step {step}: nudge beyond maxNudges");
                Assert.True(before.NudgeRunning is null, $"seed {seed} step {step}: a second nudge while one runs");
                Assert.True(before.NudgeFailures < SessionReducer.MaxNudgeFailures, $"seed {seed} step {step}: nudge beyond the failure bound");
                requestedNudges.Add(nudge);
            }

            if (before.Ended)
            {
                Assert.False(decision.Applied);
                Assert.Empty(decision.Effects);
            }

            foreach (var schedule in decision.Effects.OfType<SessionEffect.ScheduleIdleCheck>())
            {
                Assert.Equal(state.TimerGeneration, schedule.Generation);
                Assert.Equal(state.IdleDueAt, schedule.At);
            }

            Assert.True(nudgesSinceUser <= idle.MaxNudges, $"seed {seed} step {step}: {nudgesSinceUser} nudges in a row");
            Assert.True(state.SeenEventIds.Count <= SessionReducer.SeenEventIdLimit);
            Assert.Equal(state.PendingEvents.Count, state.PendingEvents.Select(e => e.EventId).Distinct().Count());
            Assert.True(state.PendingEvents.Count <= SessionReducer.PendingEventLimit);
        }
    }

    private static SessionOperation NextOperation(
        Random random,
        SessionActorState state,
        List<SessionEffect.GenerateNudge> requestedNudges,
        ref long transcriptLastSeq,
        ref int eventCounter,
        out bool committedNudge)
    {
        committedNudge = false;
        switch (random.Next(0, 100))
        {
            case < 30:
                // A timer signal: usually the current generation, sometimes a stale or unknown one.
                var generation = random.Next(0, 4) == 0 ? random.NextInt64(0, state.TimerGeneration + 2) : state.TimerGeneration;
                return new SessionOperation.IdleDue(generation);
            case < 50:
                // The host commits a requested nudge only if nothing was committed since it was based.
                if (requestedNudges.Count > 0)
                {
                    var nudge = requestedNudges[random.Next(requestedNudges.Count)];
                    requestedNudges.Remove(nudge);
                    if (nudge.BasedOnSeq == transcriptLastSeq)
                    {
                        transcriptLastSeq++;
                        committedNudge = true;
                        return new SessionOperation.Activity(transcriptLastSeq, MessageKind.Nudge);
                    }

                    // Dropped (the transcript moved on): the host reports it.
                    return new SessionOperation.NudgeFailed(nudge.Generation);
                }

                return new SessionOperation.IdleDue(state.TimerGeneration);
            case < 65:
                transcriptLastSeq += random.Next(1, 3);
                return new SessionOperation.Activity(transcriptLastSeq, random.Next(0, 3) == 0 ? MessageKind.Reply : MessageKind.User);
            case < 70:
                // A redelivered, stale activity report.
                return new SessionOperation.Activity(random.NextInt64(0, transcriptLastSeq + 1), MessageKind.User);
            case < 85:
                var id = random.Next(0, 3) == 0 && eventCounter > 0 ? "e-" + random.Next(eventCounter) : "e-" + eventCounter++;
                return new SessionOperation.AddEvent(new GameEvent(id, "s", "event", random.Next(0, 2) == 0));
            case < 92:
                return new SessionOperation.EventsConsumed(state.PendingEvents.Take(random.Next(0, 3)).Select(e => e.EventId).ToArray());
            case < 97:
                return new SessionOperation.ReactionFailed(new GameEvent("e-" + random.Next(Math.Max(1, eventCounter)), "s", "event", true));
            default:
                return new SessionOperation.End();
        }
    }
}
