using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// Generated code is never analysed, so never reported: a file marked <c>&lt;auto-generated&gt;</c> (checked by the
    /// harness for every test) and a declaration marked <c>[GeneratedCode]</c>, while the hand-written code next to it is.
    /// </summary>
    public class DualWriteGeneratedCodeTests
    {
        [Fact]
        public Task DualWriteInAGeneratedMethod_IsNotReported_WhileItsHandWrittenNeighbourIs()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                [System.CodeDom.Compiler.GeneratedCode("importer", "1.0")]
                public async Task ImportAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders" });
                    await _sqs.SendMessageAsync("q", order.Id);
                }

                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders" })|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("PutItemAsync", "SendMessageAsync"));

        [Fact]
        public Task DualWriteInAGeneratedType_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                [System.CodeDom.Compiler.GeneratedCode("client-generator", "2.1")]
                public class GeneratedOrderClient
                {
                    private readonly IAmazonDynamoDB _ddb;
                    private readonly IAmazonSQS _sqs;

                    public GeneratedOrderClient(IAmazonDynamoDB ddb, IAmazonSQS sqs) { _ddb = ddb; _sqs = sqs; }

                    public async Task PlaceAsync(Order order)
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders" });
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                }
            """));
    }
}
