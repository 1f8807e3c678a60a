namespace Friday.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The directory holding Friday.sln, found above the test output.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Friday.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Friday.sln not found above the test output.");
    }
}
