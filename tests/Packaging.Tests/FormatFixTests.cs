using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Consistency.Testing;

namespace Consistency.Packaging.Tests
{
    /// <summary>
    /// The command-line client: <c>dotnet format analyzers --diagnostics CH0001</c> applies the packaged code fixes to a
    /// copy of a service that references the packages from the feed, and the fixed service builds clean.
    /// </summary>
    [Collection(PackagingCollection.Name)]
    public class FormatFixTests
    {
        private readonly PackagesFixture packages;

        public FormatFixTests(PackagesFixture packages) => this.packages = packages;

        [Fact]
        public void DotnetFormat_FixesEveryDualWrite_AndTheServiceBuildsWithoutWarnings()
        {
            string text = FormatAndRebuild("FixableTemplate", "Fixable.csproj", "33", "39");

            Assert.Contains("using Consistency.Runtime.Outbox;", text, StringComparison.Ordinal);
            Assert.Contains("unitOfWork.AddPutItem(new PutItemRequest", text, StringComparison.Ordinal);
            Assert.Contains("unitOfWork.AddEvent(OutboxMessages.ToQueue(\"https://sqs/orders\", orderId));", text, StringComparison.Ordinal);
            Assert.Contains("await unitOfWork.CommitAsync(cancellationToken);", text, StringComparison.Ordinal);
            Assert.Contains("unitOfWork.AddEvent(OutboxMessages.ToQueue(\"https://sqs/orders.fifo\", orderId, orderId));", text, StringComparison.Ordinal);
            Assert.Contains("unitOfWork.AddDeleteItem(new DeleteItemRequest", text, StringComparison.Ordinal);
            Assert.Contains("// Store the order.", text, StringComparison.Ordinal);
            Assert.Contains("// Tell the warehouse.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SendMessageAsync(", text, StringComparison.Ordinal);
        }

        [Fact]
        public void DotnetFormat_MovesEntityFrameworkMessagesIntoTheSaveChanges_AndTheServiceBuildsWithoutWarnings()
        {
            // Against the real EF Core: the row joins the context, the sends are gone, the comments stay.
            string text = FormatAndRebuild("FixableEfTemplate", "FixableEf.csproj", "47", "54");

            Assert.Contains("using Consistency.Runtime.Outbox;", text, StringComparison.Ordinal);
            Assert.Contains("db.Add(OutboxRecord.From(OutboxMessages.ToQueue(\"https://sqs/orders\", orderId)));", text, StringComparison.Ordinal);
            Assert.Contains("db.Add(OutboxRecord.From(OutboxMessages.ToQueue(\"https://sqs/cancellations\", orderId)));", text, StringComparison.Ordinal);
            Assert.Contains("// Store the order.", text, StringComparison.Ordinal);
            Assert.Contains("// Tell the warehouse.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SendMessageAsync(", text, StringComparison.Ordinal);
            Assert.True(
                text.IndexOf("OutboxMessages.ToQueue(\"https://sqs/orders\"", StringComparison.Ordinal) < text.IndexOf("await db.SaveChangesAsync(cancellationToken);", StringComparison.Ordinal),
                "the row must be added before the commit" + Environment.NewLine + text);
        }

        /// <summary>
        /// Builds a copy of the template (asserting CH0001 on exactly <paramref name="hazardLines"/>), runs
        /// <c>dotnet format analyzers</c> on it, builds it again with warnings as errors and returns the fixed service.
        /// </summary>
        private string FormatAndRebuild(string template, string projectFile, params string[] hazardLines)
        {
            string project = packages.CreateProject(template, machinePackages: true);
            string service = Path.Combine(project, "OrderService.cs");

            // Both templates call the same part of SQS, whose package the offline feed does not hold.
            File.Copy(TestPaths.FromRoot("tests", "Packaging.Tests", "FixableTemplate", "SqsStandIn.cs"), Path.Combine(project, "SqsStandIn.cs"), overwrite: true);

            var before = Dotnet(project, "build", project, "--disable-build-servers", "-nologo", "-clp:NoSummary");
            Assert.True(before.ExitCode == 0, before.ToString());
            var hazards = Regex.Matches(before.Output, @"OrderService\.cs\((\d+),\d+\): warning CH0001").Select(m => m.Groups[1].Value).Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
            Assert.Equal(hazardLines, hazards);

            var format = Dotnet(project, "format", "analyzers", Path.Combine(project, projectFile), "--diagnostics", "CH0001", "--severity", "warn", "--verbosity", "diagnostic");
            Assert.True(format.ExitCode == 0, format.ToString());
            string text = File.ReadAllText(service);

            var after = Dotnet(project, "build", project, "--disable-build-servers", "-nologo", "-clp:NoSummary", "-warnaserror");
            Assert.True(after.ExitCode == 0, after.ToString() + Environment.NewLine + text);
            Assert.DoesNotContain("CH0001", after.Output, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(warning|error) [A-Z]+\d+", after.Output);
            return text;
        }

        private static ProcessResult Dotnet(string project, params string[] arguments) => PackagesFixture.Dotnet(project, arguments);
    }
}
