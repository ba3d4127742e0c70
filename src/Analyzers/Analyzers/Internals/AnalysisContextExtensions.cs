using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Analyzers.Internals
{
    internal static class AnalysisContextExtensions
    {
        /// <summary>
        /// The one place that decides how every analyzer treats generated code: never analysed, never reported.
        /// Hazards in generated code are the generator author's to fix, and users cannot edit that code.
        /// </summary>
        public static void ConfigureDefaults(this AnalysisContext context)
        {
            context.EnableConcurrentExecution();
#pragma warning disable RS0030 // This is the sanctioned wrapper around the banned API.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
#pragma warning restore RS0030
        }
    }
}
