using System;
using System.IO;
using Consistency.Testing;

namespace Consistency.Packaging.Tests
{
    /// <summary>A user's project that adds the package from a feed and builds with the real SDK.</summary>
    [Collection(PackagingCollection.Name)]
    public class ConsumerBuildTests
    {
        private readonly PackagesFixture packages;

        public ConsumerBuildTests(PackagesFixture packages) => this.packages = packages;

        [Fact]
        public void Build_ReportsTheDualWrite_AsAWarning()
        {
            var project = packages.CreateProject("ConsumerTemplate");

            var result = Build(project);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("OrderService.cs(27,19): warning CH0001", result.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void WarnAsError_TurnsTheDualWriteIntoAFailingBuild()
        {
            var project = packages.CreateProject("ConsumerTemplate");

            var result = Build(project, "-warnaserror:CH0001");

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("error CH0001", result.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void EditorConfigSeverityError_TurnsTheDualWriteIntoAFailingBuild()
        {
            var project = packages.CreateProject("ConsumerTemplate");
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.CH0001.severity = error\n");

            var result = Build(project);

            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("error CH0001", result.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void EditorConfigSeverityNone_SilencesTheRule()
        {
            var project = packages.CreateProject("ConsumerTemplate");
            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.CH0001.severity = none\n");

            var result = Build(project);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain("CH0001", result.Output, StringComparison.Ordinal);
        }

        private static ProcessResult Build(string project, params string[] extra)
        {
            var arguments = new System.Collections.Generic.List<string> { "build", project, "--disable-build-servers", "-nologo", "-clp:NoSummary" };
            arguments.AddRange(extra);
            return PackagesFixture.Dotnet(project, arguments.ToArray());
        }
    }
}
