using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.NonIdempotentHandlerAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Sources and expectations of the CH0002 tests: the handler's name is #0, the effect #1, the call in the handler #2.</summary>
    internal static class NonIdempotentHandlerTestSources
    {
        public const string Publishes = "publishes the message again";
        public const string CallsExternal = "calls the external service again";
        public const string RelativeUpdate = "applies its relative update (ADD, x = x + n, list_append) again";
        public const string SqlRelativeUpdate = "applies its relative update (x = x + n) again";
        public const string GeneratedKey = "writes a new item under a generated key again";
        public const string InsertsEntity = "inserts the added entity again";
        public const string InsertsRow = "inserts a new row again";
        public const string InsertsDocument = "inserts a new document again";

        public const string Usings = DualWriteTestSources.Usings + """
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.KinesisFirehoseEvents;
            using Amazon.Lambda.CloudWatchEvents;
            using Consistency;
            using Consistency.Runtime.Inbox;

            """;

        public const string Models = DualWriteTestSources.Models + """

            public class OrderDetail { public string OrderId { get; set; } = ""; public int Quantity { get; set; } }
            public class PlaceOrder : Paramore.Brighter.Command { public PlaceOrder() : base(Guid.NewGuid()) { } public string OrderId { get; set; } = ""; }
            public class VersionedOrder { public string Id { get; set; } = ""; [System.ComponentModel.DataAnnotations.ConcurrencyCheck] public int Version { get; set; } }
            public class VersionedDbContext : DbContext { public DbSet<VersionedOrder> Orders { get; set; } = null!; }
            """;

        public const string Fields = DualWriteTestSources.Fields + """
                private readonly IInbox _inbox = null!;
                private readonly VersionedDbContext _versioned = null!;

            """;

        /// <summary>A class with the given declaration line (name and base types), the fields and the members.</summary>
        public static string Class(string declaration, string members) => Usings + declaration + "\n{\n" + Fields + members + "\n}\n" + Models;

        /// <summary>An SQS Lambda function class with the members.</summary>
        public static string Function(string members) => Class("public class Function", members);

        /// <summary>Any source with the usings and the model types.</summary>
        public static string WithUsings(string code) => Usings + code + Models;

        public static DiagnosticResult Expect(string handler, string kind, string operation, string hazard, bool viaCall = false)
        {
            var result = VerifyCS.Diagnostic().WithLocation(0).WithLocation(1);
            if (viaCall)
            {
                result = result.WithLocation(2);
            }

            return result.WithArguments(handler, kind, operation, hazard);
        }

        public static ReferenceAssemblies References { get; } = ReferenceAssemblies.Default.AddReferences(
            MetadataReference.CreateFromFile(typeof(Consistency.Runtime.Inbox.IInbox).Assembly.Location));

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, expected);

        public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new VerifyCS.Test { TestCode = source, ReferenceAssemblies = References };
            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig + "\n"));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
