using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Consistency.Quality;
using Consistency.Testing;
using Consistency.Testing.References;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// The same ratio as a user sees it: a generated solution of several projects of service code, built with
    /// <c>dotnet build -p:ReportAnalyzer=true</c> (the compiler reports each analyzer's execution time), compared with
    /// the time of the compiler task itself. The SDK's own analyzers are off in the generated projects, so every
    /// reported analyzer is ours. Built twice, the second build measured; the compiler server is used or not as the
    /// machine configures it (where UseSharedCompilation=false, each compilation is a fresh process and both times include JIT).
    /// </summary>
    internal static class BuildBenchmark
    {
        private static readonly Regex AnalyzerLine = new(@"^\s*(?<seconds>\d+(\.\d+)?)\s+(?<percent>\S+)\s+(?<name>Consistency\.\S+)(\s+\((?<ids>[^)]*)\))?\s*$", RegexOptions.Multiline);
        private static readonly Regex CscLine = new(@"^\s*(?<ms>\d+)\s+ms\s+Csc\s+(?<calls>\d+)\s+calls", RegexOptions.Multiline);

        public static void Run(int projects, int linesPerProject)
        {
            Console.WriteLine($"## dotnet build -p:ReportAnalyzer=true: {projects} projects of {linesPerProject:N0} lines");
            Console.WriteLine();
            string root = Path.Combine(Path.GetTempPath(), "consistency-build-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            try
            {
                Generate(root, projects, linesPerProject, withAnalyzers: true);
                Build(root, "warm-up");
                string output = Build(root, "measured");
                if (Environment.GetEnvironmentVariable("CONSISTENCY_BENCHMARK_BUILD_LOG") is { Length: > 0 } log)
                {
                    File.WriteAllText(log, output);
                }

                Report(output);

                // What the analyzers add to the build, whoever does the work: the same solution without them (the
                // generators stay), built the same way, three times each, alternating; the fastest build of each is
                // compared (two cores run the compiler's threads and the build's, so single builds vary by several percent).
                double with = CscMilliseconds(output), without = double.MaxValue;
                for (int round = 0; round < 3; round++)
                {
                    Generate(root, projects, linesPerProject, withAnalyzers: false);
                    without = Math.Min(without, CscMilliseconds(Build(root, "without analyzers")));
                    Generate(root, projects, linesPerProject, withAnalyzers: true);
                    with = Math.Min(with, CscMilliseconds(Build(root, "with analyzers")));
                }

                Console.WriteLine();
                Console.WriteLine("| Csc task without our analyzers (ms) | with them (ms) | added | added / without |");
                Console.WriteLine("|---|---|---|---|");
                Console.WriteLine($"| {without:F0} | {with:F0} | {with - without:F0} | {InProcessBenchmark.Percent(with - without, without)} |");
                Console.WriteLine("(wall-clock of the compiler task, fastest of four builds with and three without; the difference includes the analyzer driver's own work, such as binding every body for IOperation, which any IOperation analyzer of the build, the SDK's included, makes it do)");
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                Console.WriteLine("build measurement failed: " + exception.Message);
            }
            finally
            {
                try
                {
                    if (Environment.GetEnvironmentVariable("CONSISTENCY_BENCHMARK_BUILD_LOG") is { Length: > 0 })
                    {
                        Console.WriteLine("kept " + root);
                    }
                    else
                    {
                        Directory.Delete(root, recursive: true);
                    }
                }
                catch (IOException)
                {
                }
            }

            Console.WriteLine();
        }

        private static double CscMilliseconds(string output)
        {
            var csc = CscLine.Match(output);
            if (!csc.Success)
            {
                throw new InvalidOperationException("no Csc task time in the build output");
            }

            return double.Parse(csc.Groups["ms"].Value, CultureInfo.InvariantCulture);
        }

        private static void Report(string output)
        {
            double cscMs = CscMilliseconds(output);
            var perAnalyzer = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (Match match in AnalyzerLine.Matches(output))
            {
                string name = match.Groups["name"].Value;
                if (!name.Contains(".Rules.", StringComparison.Ordinal) && !match.Groups["ids"].Success)
                {
                    continue; // the assembly's total line; its analyzers follow
                }

                string key = name.Substring(name.LastIndexOf('.') + 1) + (match.Groups["ids"].Success ? " (" + match.Groups["ids"].Value + ")" : "");
                perAnalyzer[key] = perAnalyzer.GetValueOrDefault(key) + 1000 * double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            }

            double total = perAnalyzer.Values.Sum();
            Console.WriteLine($"| Csc task, all projects (ms) | our analyzers (ms) | ratio | " + string.Join(" | ", perAnalyzer.Keys.Select(k => k + " ratio")) + " |");
            Console.WriteLine("|---|---|---|" + string.Concat(perAnalyzer.Keys.Select(_ => "---|")));
            Console.WriteLine($"| {cscMs:F0} | {total:F0} | {InProcessBenchmark.Percent(total, cscMs)} | " + string.Join(" | ", perAnalyzer.Values.Select(v => InProcessBenchmark.Percent(v, cscMs))) + " |");
            Console.WriteLine("(the compiler reports analyzer time with millisecond precision, summed over the projects' compilations; the Csc task time includes emit and the analyzers, which run concurrently with it)");
        }

        private static string Build(string root, string label)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "build", "Bench.slnx", "-c", "Release", "--no-incremental", "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary", "-nologo", "-m:1" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"the {label} build failed:{Environment.NewLine}{string.Join(Environment.NewLine, output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(20))}{error.Result}");
            }

            return output;
        }

        private static void Generate(string root, int projects, int linesPerProject, bool withAnalyzers)
        {
            Directory.CreateDirectory(root);
            string lib = Path.Combine(root, "lib");
            Directory.CreateDirectory(lib);
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");

            var references = new List<string>();
            foreach (var assembly in new[] { typeof(Consistency.IdempotentAttribute).Assembly, typeof(Amazon.Runtime.AmazonServiceClient).Assembly, typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly })
            {
                string target = Path.Combine(lib, Path.GetFileName(assembly.Location));
                File.Copy(assembly.Location, target, overwrite: true);
                references.Add(target);
            }

            // Stand-ins are compiled against the reference pack (as a real package is), dependencies first.
            var framework = ReferencePack().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            var emitted = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
            foreach (string name in StandInLibrary.AllNames)
            {
                EmitStandIn(name, lib, framework, references, emitted);
            }

            string here = Path.GetDirectoryName(typeof(BuildBenchmark).Assembly.Location)!;
            var analyzers = (withAnalyzers ? new[] { ProductComponents.AnalyzersAssemblyName, ProductComponents.GeneratorsAssemblyName } : new[] { ProductComponents.GeneratorsAssemblyName })
                .Select(n => Path.Combine(here, n + ".dll"))
                .Where(File.Exists)
                .ToList();

            var solution = new StringBuilder("<Solution>\n");
            int modules = ServiceCodeGenerator.ModulesFor(linesPerProject);
            for (int p = 0; p < projects; p++)
            {
                string name = "Service" + p.ToString(CultureInfo.InvariantCulture);
                string directory = Path.Combine(root, name);
                Directory.CreateDirectory(directory);
                foreach (var (path, text) in ServiceCodeGenerator.Generate(modules))
                {
                    string file = Path.Combine(directory, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    File.WriteAllText(file, text.Replace("namespace Shop.", "namespace " + name + ".", StringComparison.Ordinal).Replace("Shop.Shared.", name + ".Shared.", StringComparison.Ordinal));
                }

                var project = new StringBuilder();
                project.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
                project.AppendLine("  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings>");
                project.AppendLine("    <EnableNETAnalyzers>false</EnableNETAnalyzers><GenerateDocumentationFile>false</GenerateDocumentationFile><TreatWarningsAsErrors>false</TreatWarningsAsErrors><NoWarn>$(NoWarn);CS1591;CS8618;CS8602;CS8604</NoWarn></PropertyGroup>");
                project.AppendLine("  <ItemGroup>");
                foreach (string reference in references)
                {
                    project.AppendLine($"    <Reference Include=\"{reference}\" />");
                }

                foreach (string analyzer in analyzers)
                {
                    project.AppendLine($"    <Analyzer Include=\"{analyzer}\" />");
                }

                project.AppendLine("  </ItemGroup>");
                project.AppendLine("</Project>");
                File.WriteAllText(Path.Combine(directory, name + ".csproj"), project.ToString());
                solution.AppendLine($"  <Project Path=\"{name}/{name}.csproj\" />");
            }

            solution.AppendLine("</Solution>");
            File.WriteAllText(Path.Combine(root, "Bench.slnx"), solution.ToString());
        }

        private static IEnumerable<string> ReferencePack()
        {
            string dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            string version = Path.Combine(packs, Environment.Version.ToString(), "ref", "net" + Environment.Version.Major + ".0");
            if (!Directory.Exists(version))
            {
                version = Directory.GetDirectories(packs).OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "ref", "net" + Environment.Version.Major + ".0")).Last(Directory.Exists);
            }

            return Directory.GetFiles(version, "*.dll");
        }

        /// <summary>Writes a stand-in SDK to disk under its real assembly name, compiled from the harness's embedded sources.</summary>
        private static void EmitStandIn(string name, string lib, List<MetadataReference> framework, List<string> written, Dictionary<string, MetadataReference> emitted)
        {
            if (emitted.ContainsKey(name))
            {
                return;
            }

            var dependencies = StandInLibrary.Resolve(new[] { name }).ToList();
            var dependencyNames = dependencies.Select(d => Path.GetFileNameWithoutExtension(((PortableExecutableReference)d).FilePath!)).ToList();
            dependencyNames.RemoveAt(dependencyNames.Count - 1); // the stand-in itself comes last
            foreach (string dependency in dependencyNames)
            {
                EmitStandIn(dependency, lib, framework, written, emitted);
            }

            string path = Path.Combine(lib, name + ".dll");
            var assembly = typeof(StandInLibrary).Assembly;
            string prefix = "StandIns/" + name + "/";
            var trees = assembly.GetManifestResourceNames()
                .Where(r => r.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(r => r, StringComparer.Ordinal)
                .Select(r =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(r)!, Encoding.UTF8);
                    return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), new CSharpParseOptions(LanguageVersion.Latest), path: r);
                })
                .ToList();
            var compilation = CSharpCompilation.Create(
                name,
                trees,
                framework
                    .Concat(written.Where(w => !emitted.ContainsKey(Path.GetFileNameWithoutExtension(w))).Select(w => (MetadataReference)MetadataReference.CreateFromFile(w)))
                    .Concat(dependencyNames.Select(d => emitted[d])),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
            var result = compilation.Emit(path);
            if (!result.Success)
            {
                throw new InvalidOperationException($"stand-in {name} does not compile: {string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))}");
            }

            emitted[name] = MetadataReference.CreateFromFile(path);
            written.Add(path);
        }
    }
}
