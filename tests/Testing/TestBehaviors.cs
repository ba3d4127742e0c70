using System;

namespace Consistency.Testing
{
    /// <summary>Which compiler diagnostics take part in the comparison (the others are ignored).</summary>
    public enum CompilerDiagnostics
    {
        None,
        Errors,
        Warnings,
        Suggestions,
        All,
    }

    /// <summary>Extra passes an analyzer test runs; each can be skipped with a reason in the test.</summary>
    [Flags]
    public enum TestBehaviors
    {
        None = 0,

        /// <summary>Skip the pass that marks every source as generated and expects no analyzer diagnostic in it.</summary>
        SkipGeneratedCodeCheck = 1,

        /// <summary>Skip the pass that adds <c>#pragma warning disable</c> and expects the diagnostics suppressed.</summary>
        SkipSuppressionCheck = 2,
    }

    /// <summary>Passes a code fix test runs.</summary>
    [Flags]
    public enum CodeFixTestBehaviors
    {
        None = 0,
        SkipFixAllInDocumentCheck = 1,
        SkipFixAllInProjectCheck = 2,
        SkipFixAllInSolutionCheck = 4,
        SkipFixAllCheck = SkipFixAllInDocumentCheck | SkipFixAllInProjectCheck | SkipFixAllInSolutionCheck,

        /// <summary>Run only the Fix All passes, not the one-by-one loop.</summary>
        FixOne = 8,
    }
}
