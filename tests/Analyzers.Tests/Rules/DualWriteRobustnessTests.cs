using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Analyzers.Rules;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0001 over broken, incomplete and unusual code: it may report or not, but it never throws.</summary>
    public class DualWriteRobustnessTests
    {
        [Theory]
        [InlineData("public async Task A(Order o) { await _ddb.PutItemAsync(; await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await _ddb.PutItemAsync(new PutItemRequest()); await _sqs.SendMessageAsync(")]
        [InlineData("public async Task A(Order o) { await _missing.SaveAsync(o); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await Unknown(o); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await _ddb.PutItemAsync(new PutItemRequest(), 1, 2, 3); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await _ddb.NoSuchMethod(); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { if (o. { await _db.SaveChangesAsync(); } else await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { try { await _db.SaveChangesAsync(); } catch ( { } await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { foreach (var x in ) { await _db.SaveChangesAsync(); await _sqs.SendMessageAsync(\"q\", x); } }")]
        [InlineData("public async Task A(Order o) { await Local(); await _sqs.SendMessageAsync(\"q\", o.Id); async Task Local( { await _db.SaveChangesAsync(); } }")]
        [InlineData("public async Task A(Order o) { Func<Task> f = async () => { await _db.SaveChangesAsync(); ; await f(); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public Task A(Order o) => ;")]
        [InlineData("public abstract Task A(Order o);")]
        [InlineData("public extern Task A(Order o);")]
        [InlineData("partial void Nothing(); public async Task A(Order o) { Nothing(); await _db.SaveChangesAsync(); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { goto missing; await _db.SaveChangesAsync(); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await _connection.ExecuteAsync(sql: ); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await _lambda.InvokeAsync(new InvokeRequest { InvocationType = }); await _db.SaveChangesAsync(); }")]
        [InlineData("public async Task A(Order o) { await _http.SendAsync(new HttpRequestMessage(HttpMethod.)); await _db.SaveChangesAsync(); }")]
        [InlineData("public async Task A(Order o) { await this.A(o); await A(o, o); await _db.SaveChangesAsync(); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await using var t = await _db.Database.BeginTransactionAsync(; await _db.SaveChangesAsync(); await _sqs.SendMessageAsync(\"q\", o.Id); await t.CommitAsync(); }")]
        [InlineData("public OrderService() : this( { _db.SaveChanges(); _cap.Publish(\"x\", 1); }")]
        [InlineData("public int P { get => _db.SaveChanges() + _cap.Publish(\"x\", 1); }")]
        [InlineData("public async Task A(Order o) { await (o switch { null => _db.SaveChangesAsync(), _ => }); await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { lock () { _db.SaveChanges(); } await _sqs.SendMessageAsync(\"q\", o.Id); }")]
        [InlineData("public async Task A(Order o) { await foreach (var x in _db.Orders) { await _sqs.SendMessageAsync(\"q\", x.Id); } await _db.SaveChangesAsync(); }")]
        [InlineData("public IEnumerable<int> A(Order o) { _db.SaveChanges(); yield return 1; _cap.Publish(\"x\", 1); yield break; }")]
        [InlineData("public static implicit operator int(OrderService s) { s._db.SaveChanges(); s._cap.Publish(\"x\", 1); return 0; }")]
        [InlineData("~OrderService() { _db.SaveChanges(); _cap.Publish(\"x\", 1); }")]
        public Task MalformedOrUnusualMembers_NeverThrow(string members)
            => new VerifyCS.Test
            {
                TestCode = Service(members),
                CompilerDiagnostics = CompilerDiagnostics.None,
                TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck,
                ExpectedDiagnostics = { },
            }.RunWithAnyAnalyzerDiagnosticsAsync();

        [Fact]
        public async Task EveryPrefixOfARealisticSource_NeverThrows()
        {
            string source = Service("""
                private Task SaveAsync(Order order) => _ddb.PutItemAsync(new PutItemRequest { TableName = "orders" });

                public async Task PlaceAsync(Order order, bool flag)
                {
                    await using var tx = await _db.Database.BeginTransactionAsync();
                    try
                    {
                        if (flag) { await SaveAsync(order); } else { return; }
                        foreach (var o in await _db.Orders.Where(x => x.Status == "new").ToListAsync())
                        {
                            await _sqs?.SendMessageAsync(new SendMessageRequest("q", o.Id) { MessageGroupId = o.Id })!;
                            await Local(o);
                        }
                    }
                    finally { await tx.CommitAsync(); }

                    async Task Local(Order o) => await _http.PostAsJsonAsync("https://x", o);
                }
            """);

            // Cut inside the class only (the prelude of usings is not interesting), at a fixed stride.
            int start = source.IndexOf("public class OrderService", StringComparison.Ordinal);
            var cuts = new List<int>();
            for (int cut = start; cut < source.Length; cut += 11)
            {
                cuts.Add(cut);
            }

            var failures = new ConcurrentQueue<string>();
            var references = ReferenceAssemblies.Default.Resolve().ToImmutableArray();
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DualWriteAnalyzer());
            await Parallel.ForEachAsync(cuts, async (cut, cancellationToken) =>
            {
                var tree = CSharpSyntaxTree.ParseText(source.Substring(0, cut), new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: cancellationToken);
                var compilation = CSharpCompilation.Create("Prefix", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, _, _) => failures.Enqueue($"cut {cut}: {exception}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
                foreach (var diagnostic in diagnostics.Where(d => d.Id is "AD0001"))
                {
                    failures.Enqueue($"cut {cut}: {diagnostic}");
                }
            });

            Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(5)));
        }
    }

    internal static class AnyDiagnosticsTestExtensions
    {
        /// <summary>
        /// Runs a test whose only expectation is "no analyzer exception": the harness fails on AD0001 before comparing,
        /// and a comparison failure caused by a CH0001 diagnostic on broken code is accepted.
        /// </summary>
        public static async Task RunWithAnyAnalyzerDiagnosticsAsync(this VerifyCS.Test test)
        {
            try
            {
                await test.RunAsync();
            }
            catch (VerificationException exception) when (!exception.Message.Contains("AD0001", StringComparison.Ordinal) && exception.Message.Contains("CH0001", StringComparison.Ordinal))
            {
                // Broken code may or may not read as a dual write; only crashes matter here.
            }
        }
    }
}
