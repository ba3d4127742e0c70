using System;
using System.IO;

namespace Consistency.Testing
{
    /// <summary>Locates the repository from a test's output directory (compile-time paths are mapped in CI builds).</summary>
    public static class TestPaths
    {
        private static readonly Lazy<string> Root = new(FindRoot);

        public static string RepositoryRoot => Root.Value;

        public static string FromRoot(params string[] parts) => Path.Combine(RepositoryRoot, Path.Combine(parts));

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Consistency.Tooling.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Consistency.Tooling.sln above {AppContext.BaseDirectory}.");
        }
    }
}
