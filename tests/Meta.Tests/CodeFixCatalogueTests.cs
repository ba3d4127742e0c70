using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Consistency.Meta.Tests
{
    public class CodeFixCatalogueTests
    {
        /// <summary>
        /// Fixers that may offer no Fix All, each with the reason. Empty: every fix must work across a document,
        /// project and solution.
        /// </summary>
        private static readonly Dictionary<string, string> FixAllExemptions = new(StringComparer.Ordinal);

        [Fact]
        public void EveryFixer_IsExportedSealedAndShared()
        {
            foreach (var type in Catalogue.FixerTypes)
            {
                var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
                Assert.True(export is not null && export.Languages.Contains(LanguageNames.CSharp), $"{type.Name} lacks [ExportCodeFixProvider(LanguageNames.CSharp)].");
                Assert.True(type.GetCustomAttribute<SharedAttribute>() is not null, $"{type.Name} lacks [Shared].");
                Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
            }
        }

        [Fact]
        public void EveryFixableId_IsAKnownRule()
        {
            var known = Catalogue.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var fixer in Catalogue.Fixers)
            {
                Assert.NotEmpty(fixer.FixableDiagnosticIds);
                foreach (var id in fixer.FixableDiagnosticIds)
                {
                    Assert.True(known.Contains(id), $"{fixer.GetType().Name} fixes {id}, which no analyzer reports.");
                }
            }
        }

        [Fact]
        public void EveryFixer_OffersFixAllInEveryScope_OrIsExempted()
        {
            foreach (var fixer in Catalogue.Fixers)
            {
                var name = fixer.GetType().Name;
                if (FixAllExemptions.ContainsKey(name))
                {
                    continue;
                }

                var provider = fixer.GetFixAllProvider();
                Assert.True(provider is not null, $"{name} offers no Fix All.");
                var scopes = provider!.GetSupportedFixAllScopes().ToList();
                Assert.Contains(FixAllScope.Document, scopes);
                Assert.Contains(FixAllScope.Project, scopes);
                Assert.Contains(FixAllScope.Solution, scopes);
            }
        }

        [Fact]
        public void Exemptions_NameExistingFixers()
        {
            var names = Catalogue.FixerTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

            Assert.All(FixAllExemptions.Keys, name => Assert.Contains(name, names));
        }
    }
}
