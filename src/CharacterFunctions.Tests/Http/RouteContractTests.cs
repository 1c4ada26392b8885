using System.Reflection;
using CharacterFunctions.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CharacterFunctions.Tests.Http;

/// <summary>The routes, verbs and host-level authorization of the public contract (api/ is the host's prefix).</summary>
public sealed class RouteContractTests
{
    private static readonly Type[] FunctionClasses =
        [typeof(CharactersFunctions), typeof(SessionsFunctions), typeof(TurnsFunctions), typeof(MessagesFunctions), typeof(HealthFunction)];

    private static IEnumerable<(string Verb, string Route, AuthorizationLevel Level, MethodInfo Method)> Routes() =>
        from type in FunctionClasses
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!
        from verb in trigger.Methods!
        select (verb.ToUpperInvariant(), trigger.Route!, trigger.AuthLevel, method);

    [Theory]
    [InlineData("PUT", "characters/{characterId}", AuthorizationLevel.Function)]
    [InlineData("GET", "characters/{characterId}", AuthorizationLevel.Function)]
    [InlineData("GET", "characters", AuthorizationLevel.Function)]
    [InlineData("DELETE", "characters/{characterId}", AuthorizationLevel.Function)]
    [InlineData("POST", "sessions", AuthorizationLevel.Function)]
    [InlineData("GET", "sessions/{sessionId}", AuthorizationLevel.Anonymous)]
    [InlineData("DELETE", "sessions/{sessionId}", AuthorizationLevel.Anonymous)]
    [InlineData("POST", "sessions/{sessionId}/turns", AuthorizationLevel.Anonymous)]
    [InlineData("POST", "sessions/{sessionId}/regenerate", AuthorizationLevel.Anonymous)]
    [InlineData("PUT", "sessions/{sessionId}/messages/{seq:long}/selection", AuthorizationLevel.Anonymous)]
    [InlineData("GET", "sessions/{sessionId}/messages", AuthorizationLevel.Anonymous)]
    [InlineData("GET", "health", AuthorizationLevel.Anonymous)]
    public void Route_InContract_ExistsOnceWithItsAuthorizationLevel(string verb, string route, AuthorizationLevel level)
    {
        var match = Assert.Single(Routes(), r => r.Verb == verb && r.Route == route);

        Assert.Equal(level, match.Level);
    }

    [Fact]
    public void Routes_All_AreExactlyTheContractsTwelve()
    {
        Assert.Equal(12, Routes().Count());
    }

    [Fact]
    public void SessionRoutes_ThatReachTheActor_DeclareTheDurableClient()
    {
        var sessionFunctions = Routes().Where(r => r.Method.DeclaringType is { } t && (t == typeof(SessionsFunctions) || t == typeof(TurnsFunctions)));

        Assert.All(sessionFunctions, r => Assert.Contains(r.Method.GetParameters(),
            p => p.ParameterType == typeof(DurableTaskClient) && p.GetCustomAttribute<DurableClientAttribute>() is not null));
    }
}
