using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Consistency.Analyzers;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Meta.Tests
{
    public class RuleCatalogueTests
    {
        private static readonly Regex IdPattern = new(@"^CH\d{4}$", RegexOptions.CultureInvariant);

        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (var id in Catalogue.Descriptors.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
            {
                data.Add(id);
            }

            return data;
        }

        [Fact]
        public void TheProductShipsAnalyzers()
            => Assert.NotEmpty(Catalogue.Analyzers);

        [Fact]
        public void EveryAnalyzer_IsExportedForCSharp()
        {
            foreach (var type in Catalogue.AnalyzerTypes)
            {
                var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
                Assert.True(attribute is not null && attribute.Languages.Contains(LanguageNames.CSharp), $"{type.Name} lacks [DiagnosticAnalyzer(LanguageNames.CSharp)].");
                Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
            }
        }

        [Fact]
        public void Ids_MatchThePattern_AndEachIsDefinedOnce()
        {
            var byId = Catalogue.Descriptors.GroupBy(d => d.Id).ToList();
            foreach (var group in byId)
            {
                Assert.Matches(IdPattern, group.Key);
                Assert.True(group.Count() == 1, $"{group.Key} is defined by {group.Count()} different descriptors.");
            }
        }

        [Fact]
        public void EveryIdentifierConstant_IsUsedByADescriptor()
        {
            var used = Catalogue.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

            Assert.All(Catalogue.RuleIdentifierConstants(), id => Assert.True(used.Contains(id), $"RuleIdentifiers declares {id}, but no descriptor uses it."));
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_HasHelpLinkTitleMessageAndKnownCategory(string id)
        {
            var descriptor = Catalogue.Descriptors.Single(d => d.Id == id);
            var categories = typeof(RuleCategories).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

            Assert.Equal(RuleIdentifiers.GetHelpUri(id), descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id} has no title.");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id} has no message.");
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id} has no description.");
            Assert.Contains(descriptor.Category, categories);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void DocumentationPage_ExistsWithTitleLine(string id)
        {
            string path = TestPaths.FromRoot("docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"{path} is missing.");

            string firstLine = File.ReadLines(path).First();
            Assert.StartsWith($"# {id} - ", firstLine, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void Id_IsInReleaseTracking_WithItsCategoryAndSeverity(string id)
        {
            var descriptor = Catalogue.Descriptors.Single(d => d.Id == id);
            var rows = ReleaseRows();

            Assert.True(rows.TryGetValue(id, out var row), $"{id} is not in AnalyzerReleases.Shipped.md or AnalyzerReleases.Unshipped.md.");
            Assert.Equal(descriptor.Category, row.Category);
            string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
            Assert.Equal(severity, row.Severity);
        }

        private static Dictionary<string, (string Category, string Severity)> ReleaseRows()
        {
            var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                foreach (var directory in new[] { "src/Analyzers/Analyzers", "src/Generators" })
                {
                    string path = TestPaths.FromRoot(directory, file);
                    if (!File.Exists(path))
                    {
                        continue;
                    }

                    foreach (var line in File.ReadAllLines(path))
                    {
                        var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                        if (cells.Length >= 3 && IdPattern.IsMatch(cells[0]))
                        {
                            rows[cells[0]] = (cells[1], cells[2]);
                        }
                    }
                }
            }

            return rows;
        }
    }
}
