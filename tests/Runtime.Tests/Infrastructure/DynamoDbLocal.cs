using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>
/// The DynamoDB engine the tests run against: CONSISTENCY_DYNAMODB_ENDPOINT when set, otherwise a DynamoDB Local
/// started through scripts/dynamodb-local.sh, and stopped when the test process exits if this process started it.
/// </summary>
public static class DynamoDbLocal
{
    public const string EndpointVariable = "CONSISTENCY_DYNAMODB_ENDPOINT";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _endpoint;

    public static async Task<string> GetEndpointAsync()
    {
        if (_endpoint is not null)
        {
            return _endpoint;
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_endpoint is not null)
            {
                return _endpoint;
            }

            var configured = Environment.GetEnvironmentVariable(EndpointVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                _endpoint = configured.Trim();
                return _endpoint;
            }

            var script = Path.Combine(FindRepositoryRoot(), "scripts", "dynamodb-local.sh");
            var alreadyRunning = await RunScriptAsync(script, "endpoint", allowFailure: true).ConfigureAwait(false);
            if (alreadyRunning.ExitCode == 0)
            {
                _endpoint = alreadyRunning.Output;
                return _endpoint;
            }

            var started = await RunScriptAsync(script, "start", allowFailure: false).ConfigureAwait(false);
            _endpoint = started.Output;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScriptAsync(script, "stop", allowFailure: true).GetAwaiter().GetResult();
            return _endpoint;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string script, string command, bool allowFailure)
    {
        var startInfo = new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        var text = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{script} {command} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}");
        }

        return (process.ExitCode, text);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "dynamodb-local.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("scripts/dynamodb-local.sh not found above " + AppContext.BaseDirectory);
    }
}
