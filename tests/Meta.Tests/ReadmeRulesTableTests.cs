using System;
using System.IO;
using System.Linq;
using System.Text;
using Consistency.Testing;

namespace Consistency.Meta.Tests
{
    /// <summary>
    /// Keeps the README's rule table equal to the shipped descriptors. Run the tests with
    /// <c>CONSISTENCY_UPDATE_DOCS=1</c> to rewrite the table instead of failing.
    /// </summary>
    public class ReadmeRulesTableTests
    {
        private const string Start = "<!-- rules -->";
        private const string End = "<!-- /rules -->";

        [Fact]
        public void ReadmeRulesTable_IsCurrent()
        {
            string path = TestPaths.FromRoot("README.md");
            string readme = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            int start = readme.IndexOf(Start, StringComparison.Ordinal);
            int end = readme.IndexOf(End, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"README.md lacks the {Start} … {End} markers.");

            string current = readme.Substring(start + Start.Length, end - start - Start.Length);
            string expected = "\n" + BuildTable();
            if (current == expected)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable("CONSISTENCY_UPDATE_DOCS") == "1")
            {
                File.WriteAllText(path, readme.Substring(0, start + Start.Length) + expected + readme.Substring(end));
                return;
            }

            Assert.Fail($"The rule table in README.md is stale; run the tests with CONSISTENCY_UPDATE_DOCS=1. Expected:{Environment.NewLine}{expected}");
        }

        private static string BuildTable()
        {
            var fixable = Catalogue.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
            var builder = new StringBuilder();
            builder.Append("| Id | Category | Title | Default | Code fix |\n");
            builder.Append("|----|----------|-------|---------|----------|\n");
            foreach (var descriptor in Catalogue.Descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
            {
                string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
                string title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace("|", "\\|", StringComparison.Ordinal);
                builder.Append(FormattableString.Invariant($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Category} | {title} | {severity} | {(fixable.Contains(descriptor.Id) ? "yes" : "no")} |\n"));
            }

            return builder.ToString();
        }
    }
}
