namespace CharacterFunctions.Playground.Tests.Infrastructure;

/// <summary>artifacts/playground/ at the repository root (next to CharacterFunctions.sln), for screenshots.</summary>
public static class Artifacts
{
    public static string Folder { get; } = Create();

    public static string PathOf(string fileName) => Path.Combine(Folder, fileName);

    private static string Create()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CharacterFunctions.sln")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        var folder = Path.Combine(root, "artifacts", "playground");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
