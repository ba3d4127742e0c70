using System;
using Consistency.Generators.Diagnostics;
using Consistency.Testing;
using Consistency.Testing.Generators;
using Consistency.Testing.Markup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Generators.Tests.Infrastructure
{
    /// <summary>Runs a generator over markup (<c>{|CH0100:…|}</c>) and expects exactly the marked diagnostics.</summary>
    internal static class DiagnosticsHarness
    {
        public static GeneratorRun Verify(Func<IIncrementalGenerator> generator, string markup)
        {
            var parsed = MarkupParser.Parse(markup);
            var test = GeneratorHarness.Create(generator, parsed.Text);
            var text = SourceText.From(parsed.Text);
            foreach (var span in parsed.Spans)
            {
                if (span.Name is null || span.Name.StartsWith('#'))
                {
                    throw new ArgumentException("Mark generator diagnostics with their id: {|CH0100:...|}.", nameof(markup));
                }

                var lines = text.Lines.GetLinePositionSpan(span.Span);
                test.ExpectedDiagnostics.Add(new DiagnosticResult(GeneratorDiagnostics.Find(span.Name))
                    .WithSpan("/0/Test0.cs", lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1));
            }

            return test.Run();
        }
    }
}
