using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CharacterFunctions.Api.OpenApi;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>
/// The API reference cannot fall behind the code: every mapped route must be a documented operation
/// (access, summary, responses, problem+json) in /openapi/v1.json and a heading in docs/api.md, and the
/// generated document must equal the checked-in docs/openapi.json. After changing routes, regenerate it with
/// <c>./build.sh openapi</c> (runs this class with <see cref="UpdateVariable"/>=1) and commit the file.
/// </summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    public const string UpdateVariable = "UPDATE_OPENAPI_SNAPSHOT";

    // Routes that are not part of the API: only the document itself. Add here only with a reason.
    private static readonly HashSet<string> NotApiRoutes = ["GET /openapi/{documentName}.json"];

    private readonly HostSandbox _sandbox = new("openapi");
    private WebApplication _app = null!;
    private JsonObject _document = null!;

    public async Task InitializeAsync()
    {
        _app = await _sandbox.StartHostAsync("openapi.db", new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Auth:OperatorKey"] = LocalHostFixture.OperatorKey,
            ["Auth:SessionTokenSecret"] = LocalHostFixture.TokenSecret,
        });
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        using var response = await http.GetAsync(CharacterFunctionsOpenApi.DocumentPath);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public void Document_Version_IsOpenApi31WithBothCallerSchemes()
    {
        Assert.StartsWith("3.1", _document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("x-functions-key", schemes["operatorKey"]!["name"]!.GetValue<string>());
        Assert.Equal("header", schemes["operatorKey"]!["in"]!.GetValue<string>());
        Assert.Equal("code", schemes["operatorKeyQuery"]!["name"]!.GetValue<string>());
        Assert.Equal("query", schemes["operatorKeyQuery"]!["in"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["playerToken"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public void MappedRoutes_EachRoute_IsDocumentedOperation()
    {
        var missing = new List<string>();
        foreach (var (route, endpoint) in MappedRoutes())
        {
            var (method, path) = Split(route);
            var operation = _document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject();
            if (operation is null)
            {
                missing.Add($"{route}: no operation in {CharacterFunctionsOpenApi.DocumentPath}");
                continue;
            }
            if (endpoint.Metadata.GetMetadata<ApiAccessMetadata>() is null || operation["security"] is null)
            {
                missing.Add($"{route}: no access declared (.Access(ApiAccess...) where it is mapped)");
            }
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()) || operation["operationId"] is null)
            {
                missing.Add($"{route}: no summary or operation id");
            }
            var responses = operation["responses"]?.AsObject() ?? [];
            if (!responses.Any(r => r.Key.StartsWith('2') && r.Key != "204" ? r.Value?["content"] is not null : r.Key == "204"))
            {
                missing.Add($"{route}: no success response with a body schema (or 204)");
            }
            if (!responses.Any(r => r.Value?["content"]?["application/problem+json"] is not null))
            {
                missing.Add($"{route}: no problem+json response");
            }
        }
        Assert.True(missing.Count == 0, "Undocumented routes:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void MappedRoutes_EachRoute_HasHeadingInApiMarkdown()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));
        var missing = MappedRoutes().Select(r => r.Route)
            .Where(route => !markdown.Contains($"### `{route}`", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/api.md has no section '### `METHOD /path`' for:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Operations_SessionAndOperatorRoutes_DeclareTheirCallers()
    {
        Assert.Equal(["operatorKey", "operatorKeyQuery", "playerToken"], Schemes("/api/sessions/{sessionId}/turns", "post"));
        Assert.Equal(["operatorKey", "operatorKeyQuery"], Schemes("/api/sessions", "post"));
        Assert.Empty(Schemes("/api/health", "get"));
        var turn = _document["paths"]!["/api/sessions/{sessionId}/turns"]!["post"]!;
        Assert.NotNull(turn["responses"]!["200"]!["content"]!["text/event-stream"]);
        Assert.Contains(turn["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        var poll = _document["paths"]!["/api/sessions/{sessionId}/messages"]!["get"]!["parameters"]!.AsArray();
        Assert.Contains(poll, p => p!["name"]!.GetValue<string>() == "waitSeconds" && p["in"]!.GetValue<string>() == "query");
    }

    [Fact]
    public async Task Document_ComparedWithSnapshot_Unchanged()
    {
        var snapshot = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        var generated = _document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(snapshot, generated, new UTF8Encoding(false));
        }

        Assert.True(File.Exists(snapshot), "docs/openapi.json is missing: run ./build.sh openapi");
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(snapshot));
        Assert.True(JsonNode.DeepEquals(expected, _document),
            "docs/openapi.json differs from the document the handlers generate; review the change, then run ./build.sh openapi and commit it.");
    }

    private string[] Schemes(string path, string method) =>
        _document["paths"]![path]![method]!["security"]!.AsArray()
            .SelectMany(requirement => requirement!.AsObject().Select(scheme => scheme.Key))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>"METHOD /pattern" of every endpoint the host maps (route constraints removed, as in OpenAPI paths).</summary>
    private List<(string Route, RouteEndpoint Endpoint)> MappedRoutes()
    {
        var routes = new List<(string, RouteEndpoint)>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "}");
            // A route without methods answers every method: it is still a route and must be documented.
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            routes.AddRange(methods.Select(method => ($"{method} {path}", endpoint)).Where(r => !NotApiRoutes.Contains(r.Item1)));
        }
        Assert.NotEmpty(routes);
        return routes;
    }

    private static (string Method, string Path) Split(string route) => (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CharacterFunctions.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("CharacterFunctions.sln not found above the test output folder.");
    }

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
