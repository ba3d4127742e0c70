using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Samples.Tests.Infrastructure;

/// <summary>One diagnostic as the build reported it: id, file relative to the sample project, line (1-based).</summary>
public sealed record BuildDiagnostic(string Id, string File, int Line)
{
    public override string ToString() => $"new(\"{Id}\", \"{File}\", {Line}),";
}

/// <summary>
/// Builds a sample with <c>dotnet build</c>, as a user does, into a fresh directory (so the compiler and the analyzers
/// always run) with the referenced projects already built by this test project, and reads the diagnostics from the
/// SARIF log the compiler writes (<c>ErrorLog</c>), which includes every severity.
/// </summary>
public static class SampleBuild
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task<(int ExitCode, string Output, IReadOnlyList<BuildDiagnostic> Diagnostics)> BuildAsync(string sampleName)
    {
        var projectDirectory = Path.Combine(RepositoryRoot, "samples", sampleName);
        var buildRoot = Path.Combine(Path.GetTempPath(), "consistency-samples", sampleName + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(buildRoot);
        try
        {
            var sarif = Path.Combine(buildRoot, "build.sarif");
            var startInfo = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepositoryRoot,
            };
            foreach (var argument in new[]
            {
                "build", Path.Combine(projectDirectory, sampleName + ".csproj"),
                "-c", Configuration,
                "-nologo", "--disable-build-servers",
                "-p:BuildProjectReferences=false",
                "-p:SampleBuildRoot=" + buildRoot,
                "-p:ErrorLog=" + sarif + "%2Cversion=2.1",
            })
            {
                startInfo.ArgumentList.Add(argument);
            }

            startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var text = await output + await error;
            IReadOnlyList<BuildDiagnostic> diagnostics = File.Exists(sarif) ? ReadSarif(sarif, projectDirectory) : Array.Empty<BuildDiagnostic>();
            return (process.ExitCode, text, diagnostics);
        }
        finally
        {
            try
            {
                Directory.Delete(buildRoot, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    private static List<BuildDiagnostic> ReadSarif(string path, string projectDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<BuildDiagnostic>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var diagnostic in results.EnumerateArray())
            {
                var id = diagnostic.GetProperty("ruleId").GetString()!;
                var file = "";
                var line = 0;
                if (diagnostic.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0)
                {
                    var physical = locations[0].GetProperty("physicalLocation");
                    var uri = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                    file = Path.GetRelativePath(projectDirectory, uri.LocalPath).Replace('\\', '/');
                    line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
                }

                result.Add(new BuildDiagnostic(id, file, line));
            }
        }

        return result.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Consistency.Tooling.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Consistency.Tooling.sln not found above " + AppContext.BaseDirectory);
    }
}
