using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Consistency.Testing
{
    /// <summary>A file of a test project: its path and its text (which may hold markup).</summary>
    public readonly record struct TestFile(string Path, string Content);

    /// <summary>A list of test files that names files <c>Test0.cs</c>, <c>Test1.cs</c>… when added without a path.</summary>
    public sealed class SourceFileList : List<TestFile>
    {
        private readonly string defaultPrefix;
        private readonly string defaultExtension;

        public SourceFileList(string defaultPrefix, string defaultExtension)
        {
            this.defaultPrefix = defaultPrefix;
            this.defaultExtension = defaultExtension;
        }

        public void Add(string content) => Add(new TestFile(defaultPrefix + Count + defaultExtension, content));

        public void Add((string Path, string Content) file) => Add(new TestFile(file.Path, file.Content));
    }

    /// <summary>A list of files that also takes <c>(path, content)</c> tuples in collection initialisers.</summary>
    public sealed class TestFileList : List<TestFile>
    {
        public void Add((string Path, string Content) file) => Add(new TestFile(file.Path, file.Content));
    }

    /// <summary>How markup in a state's sources is treated.</summary>
    public enum MarkupMode
    {
        /// <summary>Markup is parsed into expected diagnostics and locations.</summary>
        Allow,

        /// <summary>The text is used as written.</summary>
        None,
    }

    /// <summary>One project of a test: sources, additional files, .editorconfig files and references.</summary>
    public class ProjectState
    {
        public ProjectState(string name, string sourceDirectory)
        {
            Name = name;
            Sources = new SourceFileList($"/{sourceDirectory}/Test", ".cs");
            AdditionalFiles = new SourceFileList($"/{sourceDirectory}/File", ".txt");
        }

        public string Name { get; set; }

        public SourceFileList Sources { get; }

        public SourceFileList AdditionalFiles { get; }

        /// <summary>.editorconfig files; add as <c>("/.editorconfig", "root = true\n[*.cs]\n...")</c>.</summary>
        public TestFileList AnalyzerConfigFiles { get; } = new();

        public List<MetadataReference> AdditionalReferences { get; } = new();

        /// <summary>Names of other projects of the test that this project references.</summary>
        public List<string> AdditionalProjectReferences { get; } = new();

        public OutputKind? OutputKind { get; set; }
    }

    /// <summary>The main project of a test, the other projects, and the diagnostics expected over all of them.</summary>
    public sealed class SolutionState : ProjectState
    {
        public SolutionState()
            : base("TestProject", "0")
        {
        }

        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

        /// <summary>Further projects by name; their sources may hold markup too.</summary>
        public Dictionary<string, ProjectState> AdditionalProjects { get; } = new();

        public MarkupMode MarkupHandling { get; set; } = MarkupMode.Allow;

        public ProjectState AddProject(string name)
        {
            var project = new ProjectState(name, name);
            AdditionalProjects.Add(name, project);
            return project;
        }
    }
}
