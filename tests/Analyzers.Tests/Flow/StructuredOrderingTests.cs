using Consistency.Analyzers.Flow;
using Consistency.Quality;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// Bodies are ordered by a walk of their statements instead of a control flow graph where the walk models every
    /// construct. On the labelled corpus, on generated service code and on each shape below, every method's summary must
    /// be the same both ways: the same effects at the same sites, and the same "may run before" relation between every
    /// two of them.
    /// </summary>
    public class StructuredOrderingTests
    {
        private const string Put = "await _ddb.PutItemAsync(new PutItemRequest());";
        private const string Send = "await _sqs.SendMessageAsync(\"q\", order.Id);";

        [Fact]
        public void CorpusMethods_HaveTheSameSummaryWithAndWithoutTheGraph()
        {
            var (compared, withoutGraph) = CompareAll(SummaryComparison.Corpus());

            Assert.True(compared >= 75, $"only {compared} summaries with two or more effects were compared ({withoutGraph} walked)");
            Assert.True(withoutGraph >= 66, $"only {withoutGraph} bodies were ordered without a graph ({compared} compared)");
        }

        [Fact]
        public void ServiceCodeMethods_HaveTheSameSummaryWithAndWithoutTheGraph()
        {
            var (compared, withoutGraph) = CompareAll(SummaryComparison.ServiceCode());

            Assert.True(compared >= 18, $"only {compared} summaries with two or more effects were compared ({withoutGraph} walked)");
            Assert.True(withoutGraph >= 12, $"only {withoutGraph} bodies were ordered without a graph ({compared} compared)");
        }

        // Each body has two effects and a construct the walk does not model, or models only without a site in it.
        [Theory]
        [InlineData(Put + " await (_sqs?.SendMessageAsync(\"q\", order.Id) ?? Task.CompletedTask);")]
        [InlineData("var ok = order.Id.Length > 0 && (await _ddb.PutItemAsync(new PutItemRequest())).HttpStatusCode == System.Net.HttpStatusCode.OK; " + Send)]
        [InlineData(Put + " return; " + Send)]
        [InlineData(Put + " await Task.Run(() => _sqs.SendMessageAsync(\"q\", order.Id));")]
        [InlineData(Put + " if (order.Id.Length > 0) { return; } else { throw new System.InvalidOperationException(); } " + Send)]
        [InlineData(Put + " if (true) { return; } " + Send)]
        [InlineData("await Local(); " + Send + " async Task Local() => " + Put)]
        [InlineData("switch (order.Status) { case \"new\": " + Put + " break; default: " + Send + " break; }")]
        [InlineData("using var cancellation = new System.Threading.CancellationTokenSource(); " + Put + " " + Send)]
        [InlineData("lock (order) { _ddb.PutItemAsync(new PutItemRequest()).Wait(); } " + Send)]
        [InlineData("retry: " + Put + " if (order.Id.Length > 0) goto retry; " + Send)]
        [InlineData("try { " + Put + " return; } finally { " + Send + " }")]
        [InlineData("foreach (var item in new System.Collections.Generic.List<string> { order.Id }) { if (item.Length == 0) { " + Put + " throw new System.InvalidOperationException(); } } " + Send)]
        [InlineData("foreach (var s in new[] { order.Id }) { if (s.Length == 0) { " + Put + " throw new System.InvalidOperationException(); } } " + Send)]
        [InlineData("foreach (var s in new[] { order.Id }) { if (s.Length == 0) { " + Put + " return; } } " + Send)]
        [InlineData("while (order.Id.Length > 0) { " + Put + " } while (false) { " + Send + " }")]
        [InlineData(Put + " var id = order.Id ?? throw new System.InvalidOperationException(); " + Send)]
        public void ConstructsTheWalkDoesNotModel_AreLeftToTheGraph(string body)
        {
            var (_, withoutGraph) = CompareAll(QualityCompilation.Create("Shape", new[] { ServiceSource(body) }));

            Assert.Equal(0, withoutGraph);
        }

        [Theory]
        // Straight line, guard clauses, nested blocks.
        [InlineData(Put + " " + Send)]
        [InlineData("var response = await _sqs.SendMessageAsync(\"q\", order.Id); { await _ddb.PutItemAsync(new PutItemRequest { TableName = response.MessageId }); }")]
        [InlineData("await _sqs.SendMessageAsync(\"q\", (await _ddb.PutItemAsync(new PutItemRequest())).ToString()); throw new System.InvalidOperationException();")]
        [InlineData("if (order.Id.Length == 0) { throw new System.ArgumentException(\"id\"); } " + Put + " if (order.Status.Length == 0) return; " + Send)]
        // Branches.
        [InlineData("if (order.Id.Length > 0) { " + Put + " } " + Send)]
        [InlineData(Put + " if (order.Id.Length > 0) { " + Send + " }")]
        [InlineData("if (order.Id.Length > 0) { " + Put + " } else { " + Send + " }")]
        [InlineData("if (order.Id.Length > 0) { " + Put + " return; } " + Send)]
        [InlineData("if (order.Id.Length > 0) " + Put + " else if (order.Status.Length > 0) " + Send + " else return; " + Put)]
        [InlineData("if ((await _ddb.PutItemAsync(new PutItemRequest())).HttpStatusCode == System.Net.HttpStatusCode.OK) { " + Send + " }")]
        [InlineData("if (order.Id is null || order.Status?.Length > 2) { return; } " + Put + " " + Send)]
        // Loops.
        [InlineData("foreach (var item in new System.Collections.Generic.List<string> { order.Id }) { " + Put + " } " + Send)]
        [InlineData("foreach (var c in order.Id) { if (c == 'x') { continue; } " + Put + " if (c == 'y') { break; } " + Send + " }")]
        [InlineData("foreach (var s in new[] { order.Id }) { if (s.Length == 0) continue; " + Put + " } " + Send)]
        [InlineData("int i = 0; while (i < 3) { " + Put + " i++; } " + Send)]
        [InlineData("int i = 0; do { " + Put + " i++; } while (i < 3); " + Send)]
        [InlineData("for (int i = 0; i < 3; i++) { " + Put + " " + Send + " }")]
        [InlineData("for (;;) { " + Put + " if (order.Id.Length > 0) break; } " + Send)]
        [InlineData("while (true) { " + Put + " if (order.Id.Length > 0) { " + Send + " break; } }")]
        [InlineData("for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { if (j == 1) continue; " + Put + " } " + Send + " }")]
        // Try statements.
        [InlineData("try { " + Put + " } catch (System.Exception) { return; } " + Send)]
        [InlineData("try { " + Put + " } catch (System.InvalidOperationException) { " + Send + " } catch (System.Exception) { throw; }")]
        [InlineData("try { " + Put + " } finally { " + Send + " }")]
        [InlineData("try { " + Put + " } catch (System.Exception e) when (e.Message.Length > 0) { " + Send + " } finally { order.Status = \"x\"; } " + Put)]
        [InlineData("try { if (order.Id.Length > 0) { throw new System.InvalidOperationException(); } " + Put + " } catch (System.InvalidOperationException) { } finally { " + Send + " }")]
        [InlineData("foreach (var c in order.Id) { try { " + Put + " } catch (System.Exception) { continue; } " + Send + " }")]
        [InlineData("try { try { " + Put + " } catch (System.TimeoutException) { " + Send + " } } catch (System.Exception) { " + Put + " }")]
        // Lambdas, local functions and conditional expressions without a site.
        [InlineData("var ids = new[] { order.Id }.Select(id => id.Trim()).ToList(); " + Put + " " + Send)]
        [InlineData("foreach (var c in order.Id) { System.Func<int> f = () => { return c; }; " + Put + " } " + Send)]
        [InlineData(Put + " var status = order.Status ?? \"new\"; var length = order.Id?.Length; var label = length > 2 ? \"long\" : \"short\"; " + Send)]
        [InlineData(Put + " string Trim(string s) => s.Trim(); order.Status = Trim(order.Status); " + Send)]
        public void ShapesTheWalkModels_AreWalkedWithTheSameSummaryAsTheGraph(string body)
        {
            var (compared, withoutGraph) = CompareAll(QualityCompilation.Create("Shape", new[] { ServiceSource(body) }));

            Assert.Equal((1, 1), (compared, withoutGraph));
        }

        private static SyntaxTree ServiceSource(string body)
            => QualityCompilation.Parse("Shape.cs", Service("public async Task PlaceAsync(Order order)\n{\n" + body + "\n}"));

        /// <summary>Compares every method's summary from both engines; returns how many had two or more effects, and how many bodies were walked.</summary>
        private static (int Compared, int WithoutGraph) CompareAll(CSharpCompilation compilation)
        {
            var walking = FlowEngine.CreateUncached(compilation, null, ordersWithoutGraph: true);
            var graphing = FlowEngine.CreateUncached(compilation, null, ordersWithoutGraph: false);

            int compared = SummaryComparison.AssertSameForEveryMethod(compilation, walking, graphing, "walked", "with the graph", minimumEffects: 2);

            Assert.Equal(0, graphing.OrderedWithoutGraph);
            return (compared, walking.OrderedWithoutGraph);
        }
    }
}
