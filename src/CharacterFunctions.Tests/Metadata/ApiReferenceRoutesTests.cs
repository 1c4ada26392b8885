using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CharacterFunctions.Tests.Metadata;

/// <summary>
/// The Azure app serves the documented contract: its HTTP functions (from the generated
/// <c>functions.metadata</c>) are exactly the operations of the checked-in reference docs/openapi.json that
/// are not marked <c>x-local-host-only</c>. A function added without documentation, or a documented route
/// the app lacks, fails here.
/// </summary>
public sealed partial class ApiReferenceRoutesTests
{
    [Fact]
    public void HttpFunctions_ComparedWithOpenApiReference_SameRoutesAndMethods()
    {
        string metadataPath = typeof(ApiReferenceRoutesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadata").Value!;
        var functions = JsonNode.Parse(File.ReadAllText(metadataPath))!.AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray())
            .Where(b => (string?)b!["type"] == "httpTrigger")
            .SelectMany(b => b!["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} /api/{Constraint().Replace((string)b["route"]!, "}")}"))
            .Order(StringComparer.Ordinal).ToList();

        var reference = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "openapi.json")))!["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Value?["x-local-host-only"]?.GetValue<bool>() != true)
                .Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(functions);
        Assert.Equal(reference, functions);
    }

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
