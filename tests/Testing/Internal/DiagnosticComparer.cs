using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Internal
{
    /// <summary>Compares expected and actual diagnostics and explains every difference.</summary>
    internal static class DiagnosticComparer
    {
        public static void AssertEqual(ImmutableArray<DiagnosticResult> expected, ImmutableArray<Diagnostic> actual, EvaluatedSolution state, string passName)
        {
            var sortedExpected = expected
                .OrderBy(e => e.HasLocation ? e.Locations[0].Path : string.Empty, StringComparer.Ordinal)
                .ThenBy(e => e.HasLocation ? e.Locations[0].Span.Start.Line : -1)
                .ThenBy(e => e.HasLocation ? e.Locations[0].Span.Start.Character : -1)
                .ThenBy(e => e.HasLocation ? e.Locations[0].Span.End.Line : -1)
                .ThenBy(e => e.HasLocation ? e.Locations[0].Span.End.Character : -1)
                .ThenBy(e => e.Id, StringComparer.Ordinal)
                .ToImmutableArray();

            if (sortedExpected.Length != actual.Length)
            {
                Fail($"Expected {sortedExpected.Length} diagnostic(s), but found {actual.Length}.", sortedExpected, actual, state, passName);
            }

            for (int i = 0; i < actual.Length; i++)
            {
                var problem = Compare(sortedExpected[i], actual[i]);
                if (problem is not null)
                {
                    Fail($"Diagnostic {i + 1} differs: {problem}", sortedExpected, actual, state, passName);
                }
            }
        }

        private static string? Compare(DiagnosticResult expected, Diagnostic actual)
        {
            if (!string.Equals(expected.Id, actual.Id, StringComparison.Ordinal))
            {
                return $"expected id {expected.Id}, actual {actual.Id}.";
            }

            if (!expected.HasLocation)
            {
                if (actual.Location != Location.None)
                {
                    return $"expected no location, actual {Describe(actual.Location)}.";
                }
            }
            else
            {
                var problem = CompareLocation(expected.Locations[0], actual.Location, "primary location");
                if (problem is not null)
                {
                    return problem;
                }

                if (!expected.Options.HasFlag(DiagnosticOptions.IgnoreAdditionalLocations))
                {
                    var additional = actual.AdditionalLocations;
                    if (additional.Count != expected.Locations.Length - 1)
                    {
                        return $"expected {expected.Locations.Length - 1} additional location(s), actual {additional.Count} ({string.Join(", ", additional.Select(Describe))}).";
                    }

                    for (int i = 0; i < additional.Count; i++)
                    {
                        problem = CompareLocation(expected.Locations[i + 1], additional[i], $"additional location {i + 1}");
                        if (problem is not null)
                        {
                            return problem;
                        }
                    }
                }
            }

            if (!expected.Options.HasFlag(DiagnosticOptions.IgnoreSeverity) && expected.Severity != actual.Severity)
            {
                return $"expected severity {expected.Severity}, actual {actual.Severity}.";
            }

            var message = expected.GetExpectedMessage();
            var actualMessage = actual.GetMessage(CultureInfo.InvariantCulture);
            if (message is not null && !string.Equals(message, actualMessage, StringComparison.Ordinal))
            {
                return $"expected message \"{message}\", actual \"{actualMessage}\".";
            }

            if (expected.IsSuppressed != actual.IsSuppressed)
            {
                return $"expected the diagnostic {(expected.IsSuppressed ? "suppressed" : "not suppressed")}, actual {(actual.IsSuppressed ? "suppressed" : "not suppressed")}.";
            }

            return null;
        }

        private static string? CompareLocation(DiagnosticLocation expected, Location actual, string what)
        {
            if (actual == Location.None)
            {
                return $"{what}: expected {expected}, actual none.";
            }

            var span = actual.GetLineSpan();
            if (!string.Equals(expected.Path, span.Path, StringComparison.Ordinal))
            {
                return $"{what}: expected in {expected.Path}, actual in {span.Path}.";
            }

            bool equal = expected.StartOnly
                ? expected.Span.Start == span.StartLinePosition
                : expected.Span == span.Span;
            return equal ? null : $"{what}: expected {expected}, actual {Describe(actual)}.";
        }

        private static string Describe(Location location)
        {
            var span = location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1},{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        }

        private static void Fail(string headline, ImmutableArray<DiagnosticResult> expected, ImmutableArray<Diagnostic> actual, EvaluatedSolution state, string passName)
        {
            var builder = new StringBuilder();
            if (passName.Length > 0)
            {
                builder.Append('[').Append(passName).Append("] ");
            }

            builder.AppendLine(headline).AppendLine();
            builder.AppendLine("Expected:");
            foreach (var diagnostic in expected)
            {
                builder.Append("  ").AppendLine(diagnostic.ToString());
            }

            if (expected.IsEmpty)
            {
                builder.AppendLine("  (none)");
            }

            builder.AppendLine().AppendLine("Actual:");
            foreach (var diagnostic in actual)
            {
                builder.Append("  ").AppendLine(DiagnosticRunner.Describe(diagnostic).Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal));
            }

            if (actual.IsEmpty)
            {
                builder.AppendLine("  (none)");
            }

            builder.AppendLine().AppendLine("As expectations:");
            foreach (var diagnostic in actual)
            {
                builder.Append("  ").AppendLine(AsExpectation(diagnostic));
            }

            builder.AppendLine().Append(Annotate(actual, state));
            throw new VerificationException(builder.ToString());
        }

        private static string AsExpectation(Diagnostic diagnostic)
        {
            var builder = new StringBuilder();
            builder.Append(DiagnosticRunner.IsCompilerDiagnostic(diagnostic) ? $"DiagnosticResult.CompilerError(\"{diagnostic.Id}\")" : $"Diagnostic(\"{diagnostic.Id}\")");
            foreach (var location in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations))
            {
                if (location == Location.None)
                {
                    continue;
                }

                var span = location.GetLineSpan();
                builder.Append(CultureInfo.InvariantCulture, $".WithSpan(\"{span.Path}\", {span.StartLinePosition.Line + 1}, {span.StartLinePosition.Character + 1}, {span.EndLinePosition.Line + 1}, {span.EndLinePosition.Character + 1})");
            }

            return builder.ToString();
        }

        // Shows each source with the actual diagnostics under the lines they point at.
        private static string Annotate(ImmutableArray<Diagnostic> actual, EvaluatedSolution state)
        {
            var builder = new StringBuilder();
            foreach (var source in state.Projects.SelectMany(p => p.Sources))
            {
                var onFile = actual.Where(d => d.Location.IsInSource && d.Location.GetLineSpan().Path == source.Path).ToList();
                if (onFile.Count == 0)
                {
                    continue;
                }

                builder.Append("--- ").AppendLine(source.Path);
                var text = SourceText.From(source.Content);
                foreach (var line in text.Lines)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"{line.LineNumber + 1,4}| ").AppendLine(line.ToString());
                    foreach (var diagnostic in onFile)
                    {
                        var span = diagnostic.Location.GetLineSpan().Span;
                        if (span.Start.Line != line.LineNumber)
                        {
                            continue;
                        }

                        int end = span.End.Line == span.Start.Line ? span.End.Character : line.Span.Length;
                        builder.Append("    | ").Append(' ', span.Start.Character).Append('^', Math.Max(1, end - span.Start.Character))
                            .Append(' ').Append(diagnostic.Id).Append(": ").AppendLine(diagnostic.GetMessage(CultureInfo.InvariantCulture));
                    }
                }
            }

            return builder.ToString();
        }
    }
}
