using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Analyzers.Internals
{
    internal static class AnalysisContextExtensions
    {
        /// <summary>
        /// The one place that decides how every analyzer treats generated code: never analysed, so never reported.
        /// Hazards in generated code are the generator author's to fix, and users cannot edit that code.
        /// <para>
        /// Without <see cref="GeneratedCodeAnalysisFlags.Analyze"/> the driver runs no action on generated files or on
        /// declarations marked <c>[GeneratedCode]</c>, and every rule reports inside the declaration it analyses. Asking
        /// the driver to filter reports as well (<see cref="GeneratedCodeAnalysisFlags.None"/>) would filter nothing
        /// more, yet makes it find, per tree and on the first report there, every declaration carrying
        /// <c>[GeneratedCode]</c>, charged to the rule that reports first (a third to a half of CH0002 and CH0006).
        /// </para>
        /// </summary>
        public static void ConfigureDefaults(this AnalysisContext context)
        {
            context.EnableConcurrentExecution();
#pragma warning disable RS0030 // This is the sanctioned wrapper around the banned API.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
#pragma warning restore RS0030
        }
    }
}
