using System;
using System.Globalization;
using System.IO;
using Consistency.Testing;

namespace Consistency.Packaging.Tests
{
    /// <summary>Packs the shipped packages once, with a version no cache has seen, into a private local feed.</summary>
    public sealed class PackagesFixture : IDisposable
    {
        public PackagesFixture()
        {
            Root = Directory.CreateTempSubdirectory("consistency-packaging-").FullName;
            Feed = Path.Combine(Root, "feed");
            Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            Pack("src/Analyzers/Package/Consistency.Tooling.csproj");
            Pack("src/Runtime/Runtime/Consistency.Runtime.csproj");
            Pack("src/Runtime/EntityFrameworkCore/Consistency.Runtime.EntityFrameworkCore.csproj");
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public string ToolingPackage => Path.Combine(Feed, $"Consistency.Tooling.{Version}.nupkg");

        public string RuntimePackage => Path.Combine(Feed, $"Consistency.Runtime.{Version}.nupkg");

        public string EntityFrameworkCorePackage => Path.Combine(Feed, $"Consistency.Runtime.EntityFrameworkCore.{Version}.nupkg");

        /// <summary>
        /// A fresh copy of a template under tests/Packaging.Tests that restores the packed packages from the private feed
        /// into a private package folder: no network, no stale package from an earlier run. With
        /// <paramref name="machinePackages"/> it may also restore from the machine's package folder (the runtime's AWS
        /// SDK dependencies, which the private feed does not hold).
        /// </summary>
        public string CreateProject(string template, bool machinePackages = false)
        {
            string directory = Path.Combine(Root, template.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            foreach (var file in Directory.GetFiles(TestPaths.FromRoot("tests", "Packaging.Tests", template)))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }

            string sources = $"<add key=\"local\" value=\"{Feed}\" />";
            if (machinePackages)
            {
                string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                    ? configured
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                sources += $"<add key=\"machine\" value=\"{globalPackages}\" />";
            }

            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), $"""
                <Project>
                  <PropertyGroup>
                    <ConsistencyToolingVersion>{Version}</ConsistencyToolingVersion>
                    <RestorePackagesPath>{Path.Combine(Root, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    {sources}
                  </packageSources>
                </configuration>
                """);
            return directory;
        }

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
