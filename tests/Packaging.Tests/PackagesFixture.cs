using System;
using System.Globalization;
using System.IO;
using Consistency.Testing;

namespace Consistency.Packaging.Tests
{
    /// <summary>Packs both packages once, with a version no cache has seen, into a private local feed.</summary>
    public sealed class PackagesFixture : IDisposable
    {
        public PackagesFixture()
        {
            Root = Directory.CreateTempSubdirectory("consistency-packaging-").FullName;
            Feed = Path.Combine(Root, "feed");
            Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            Pack("src/Analyzers/Package/Consistency.Tooling.csproj");
            Pack("src/Runtime/Runtime/Consistency.Runtime.csproj");
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public string ToolingPackage => Path.Combine(Feed, $"Consistency.Tooling.{Version}.nupkg");

        public string RuntimePackage => Path.Combine(Feed, $"Consistency.Runtime.{Version}.nupkg");

        public static ProcessResult Dotnet(string workingDirectory, params string[] arguments)
            => ProcessRunner.Run("dotnet", arguments, workingDirectory, timeout: TimeSpan.FromMinutes(10));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the OS.
            }
        }

        private void Pack(string project)
        {
            var result = Dotnet(
                TestPaths.RepositoryRoot,
                "pack",
                TestPaths.FromRoot(project),
                "-c", "Release",
                "-o", Feed,
                "-p:Version=" + Version,
                "--no-restore", // the solution restore already ran; the tests may run without network access
                "--disable-build-servers");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed: {result}");
            }
        }
    }
}
