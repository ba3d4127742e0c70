using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Consistency.Testing.Internal
{
    /// <summary>Hands Fix All the diagnostics the harness computed, matching documents by path.</summary>
    internal sealed class TestDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<ReportedDiagnostic> diagnostics;

        public TestDiagnosticProvider(ImmutableArray<ReportedDiagnostic> diagnostics) => this.diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.ProjectId == project.Id).Select(d => d.Diagnostic));

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics
                .Where(d => d.Diagnostic.Location.IsInSource && d.Diagnostic.Location.SourceTree!.FilePath == document.FilePath)
                .Select(d => d.Diagnostic));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.ProjectId == project.Id && !d.Diagnostic.Location.IsInSource).Select(d => d.Diagnostic));
    }
}
