using Consistency.Analyzers.Flow;
using Consistency.Quality;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// Straight-line bodies are ordered by a walk of their tree instead of a control flow graph. On the labelled corpus
    /// and on generated service code, every method's summary must be the same both ways: the same effects at the same
    /// sites, and the same "may run before" relation between every two of them.
    /// </summary>
    public class StraightLineOrderingTests
    {
        [Fact]
        public void CorpusMethods_HaveTheSameSummaryWithAndWithoutTheGraph()
        {
            var (compared, withoutGraph) = CompareAll(SummaryComparison.Corpus());

            Assert.True(compared >= 75, $"only {compared} summaries with two or more effects were compared ({withoutGraph} walked)");
            Assert.True(withoutGraph >= 46, $"only {withoutGraph} bodies were ordered without a graph ({compared} compared)");
        }

        [Fact]
        public void ServiceCodeMethods_HaveTheSameSummaryWithAndWithoutTheGraph()
        {
            var (compared, withoutGraph) = CompareAll(SummaryComparison.ServiceCode());

            Assert.True(compared >= 18, $"only {compared} summaries with two or more effects were compared ({withoutGraph} walked)");
            Assert.True(withoutGraph >= 6, $"only {withoutGraph} bodies were ordered without a graph ({compared} compared)");
        }

        // Each body has two effects and a construct that makes them conditional or repeated: none may be walked.
        [Theory]
        [InlineData("if (order.Id.Length > 0) { await _ddb.PutItemAsync(new PutItemRequest()); } await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("foreach (var c in order.Id) { await _ddb.PutItemAsync(new PutItemRequest()); } await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("try { await _ddb.PutItemAsync(new PutItemRequest()); } finally { await _sqs.SendMessageAsync(\"q\", order.Id); }")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); await (_sqs?.SendMessageAsync(\"q\", order.Id) ?? Task.CompletedTask);")]
        [InlineData("var ok = order.Id.Length > 0 && (await _ddb.PutItemAsync(new PutItemRequest())).HttpStatusCode == System.Net.HttpStatusCode.OK; await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); return; await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); await Task.Run(() => _sqs.SendMessageAsync(\"q\", order.Id));")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); if (order.Id.Length > 0) { await _sqs.SendMessageAsync(\"q\", order.Id); }")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); if (order.Id.Length > 0) { return; } else { throw new System.InvalidOperationException(); } await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); if (true) { return; } await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("await Local(); await _sqs.SendMessageAsync(\"q\", order.Id); async Task Local() => await _ddb.PutItemAsync(new PutItemRequest());")]
        public void ShapesThatBranch_AreLeftToTheGraph(string body)
        {
            var (_, withoutGraph) = CompareAll(QualityCompilation.Create("Shape", new[] { ServiceSource(body) }));

            Assert.Equal(0, withoutGraph);
        }

        [Theory]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("var response = await _sqs.SendMessageAsync(\"q\", order.Id); { await _ddb.PutItemAsync(new PutItemRequest { TableName = response.MessageId }); }")]
        [InlineData("await _sqs.SendMessageAsync(\"q\", (await _ddb.PutItemAsync(new PutItemRequest())).ToString()); throw new System.InvalidOperationException();")]
        [InlineData("if (order.Id.Length == 0) { throw new System.ArgumentException(\"id\"); } await _ddb.PutItemAsync(new PutItemRequest()); if (order.Status.Length == 0) return; await _sqs.SendMessageAsync(\"q\", order.Id);")]
        public void StraightLineShapes_AreWalked(string body)
        {
            var (compared, withoutGraph) = CompareAll(QualityCompilation.Create("Shape", new[] { ServiceSource(body) }));

            Assert.Equal((1, 1), (compared, withoutGraph));
        }

        private static SyntaxTree ServiceSource(string body)
            => QualityCompilation.Parse("Shape.cs", Service("public async Task PlaceAsync(Order order)\n{\n" + body + "\n}"));

        /// <summary>Compares every method's summary from both engines; returns how many had two or more effects, and how many bodies were walked.</summary>
        private static (int Compared, int WithoutGraph) CompareAll(CSharpCompilation compilation)
        {
            var walking = FlowEngine.CreateUncached(compilation, null, ordersStraightLineBodies: true);
            var graphing = FlowEngine.CreateUncached(compilation, null, ordersStraightLineBodies: false);

            int compared = SummaryComparison.AssertSameForEveryMethod(compilation, walking, graphing, "walked", "with the graph", minimumEffects: 2);

            Assert.Equal(0, graphing.OrderedWithoutGraph);
            return (compared, walking.OrderedWithoutGraph);
        }
    }
}
