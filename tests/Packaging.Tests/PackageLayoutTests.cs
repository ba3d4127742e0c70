using System;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Consistency.Packaging.Tests
{
    [Collection(PackagingCollection.Name)]
    public class PackageLayoutTests
    {
        private readonly PackagesFixture packages;

        public PackageLayoutTests(PackagesFixture packages) => this.packages = packages;

        [Fact]
        public void ToolingPackage_CarriesComponentsUnderAnalyzers_AndAttributesUnderLib()
        {
            using var archive = ZipFile.OpenRead(packages.ToolingPackage);
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

            Assert.Contains("analyzers/dotnet/cs/Consistency.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Consistency.CodeFixes.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Consistency.Generators.dll", entries);
            Assert.Contains("lib/netstandard2.0/Consistency.Abstractions.dll", entries);
            Assert.Contains("lib/netstandard2.0/Consistency.Abstractions.xml", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));
        }

        [Fact]
        public void ToolingPackage_HasNoDependencies()
        {
            var nuspec = ReadNuspec(packages.ToolingPackage);

            Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
        }

        [Fact]
        public void RuntimePackage_DependsOnTheDynamoDbSdkOnly()
        {
            var nuspec = ReadNuspec(packages.RuntimePackage);
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id")).Distinct().ToList();

            Assert.Equal(new[] { "AWSSDK.DynamoDBv2" }, dependencies);
            using var archive = ZipFile.OpenRead(packages.RuntimePackage);
            Assert.Contains(archive.Entries, e => e.FullName == "lib/net8.0/Consistency.Runtime.dll");
        }

        [Fact]
        public void EntityFrameworkCorePackage_DependsOnTheRuntimeAndEfCore_AndCarriesItsDocumentation()
        {
            var nuspec = ReadNuspec(packages.EntityFrameworkCorePackage);
            var dependencies = nuspec.Descendants()
                .Where(e => e.Name.LocalName == "dependency")
                .ToDictionary(e => (string)e.Attribute("id")!, e => (string?)e.Attribute("version"), StringComparer.Ordinal);

            Assert.Equal(
                new[] { "Consistency.Runtime", "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Relational" },
                dependencies.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(packages.Version, dependencies["Consistency.Runtime"]);
            using var archive = ZipFile.OpenRead(packages.EntityFrameworkCorePackage);
            Assert.Contains(archive.Entries, e => e.FullName == "lib/net8.0/Consistency.Runtime.EntityFrameworkCore.dll");
            Assert.Contains(archive.Entries, e => e.FullName == "lib/net8.0/Consistency.Runtime.EntityFrameworkCore.xml");
            Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith("/Consistency.Runtime.dll", StringComparison.Ordinal));
        }

        private static XDocument ReadNuspec(string package)
        {
            using var archive = ZipFile.OpenRead(package);
            var entry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = entry.Open();
            return XDocument.Load(stream);
        }
    }
}
