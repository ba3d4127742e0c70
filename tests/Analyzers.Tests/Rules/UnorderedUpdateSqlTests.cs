using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnorderedUpdateAnalyzer, Consistency.CodeFixes.Rules.UnorderedUpdateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0004 for SQL run by Dapper or ADO.NET: an <c>UPDATE … SET</c> whose <c>WHERE</c> compares no version or order.</summary>
    public class UnorderedUpdateSqlTests
    {
        private const string Sets = "sets the row's columns";

        private static DiagnosticResult Expect(string handler, string kind, string operation, bool viaHelper = false)
        {
            var result = Verify.Diagnostic().WithLocation(0);
            if (viaHelper)
            {
                result = result.WithLocation(1);
            }

            return result.WithArguments(handler, kind, operation, Sets);
        }

        private static string Handler(string body) => Class("public class StatusHandler : IHandleMessages<StatusChanged>", $$"""
                public async Task Handle(StatusChanged message, IMessageHandlerContext context)
                {
            {{body}}
                }
            """ + UnorderedUpdateTests.Messages);

        [Fact]
        public Task DapperUpdate_WithoutVersionCheck_IsReported()
            => Verify.VerifyAsync(Handler("""
                    await {|#0:_connection.ExecuteAsync("UPDATE orders SET status = @Status WHERE id = @OrderId", message)|};
            """), Expect("Handle", "NServiceBus message handler", "ExecuteAsync"));

        [Fact]
        public Task DapperUpdate_InAVerbatimMultiLineString_IsReported()
            => Verify.VerifyAsync(Handler("""
                    await {|#0:_connection.ExecuteAsync(@"
                        update orders
                           set status = @Status
                         where id = @OrderId", message)|};
            """), Expect("Handle", "NServiceBus message handler", "ExecuteAsync"));

        [Fact]
        public Task AdoCommand_UpdateWithoutWhere_IsReported()
            => Verify.VerifyAsync(Handler("""
                    using var command = _dbConnection.CreateCommand();
                    command.CommandText = "UPDATE settings SET mode = @mode";
                    await {|#0:command.ExecuteNonQueryAsync()|};
            """), Expect("Handle", "NServiceBus message handler", "ExecuteNonQueryAsync"));

        [Fact]
        public Task DapperUpdateInAHelper_IsReportedAtTheCall()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:MarkShipped(record.MessageId)|};
                    }
                }

                private Task MarkShipped(string id) => {|#1:_connection.ExecuteAsync("UPDATE orders SET status = 'shipped' WHERE id = @id", new { id })|};
            """), Expect("Handler", "SQS Lambda handler", "ExecuteAsync", viaHelper: true));

        [Theory]
        [InlineData("UPDATE orders SET status = @Status, version = @Version WHERE id = @OrderId AND version < @Version")]
        [InlineData("UPDATE orders SET status = @Status WHERE id = @OrderId AND version = @ExpectedVersion")]
        [InlineData("UPDATE orders SET status = @Status WHERE id = @OrderId AND updated_at <= @At")]
        [InlineData("UPDATE stock SET quantity = quantity - 1 WHERE sku = @Sku")]
        [InlineData("INSERT INTO orders (id, status) VALUES (@OrderId, @Status)")]
        [InlineData("DELETE FROM orders WHERE id = @OrderId")]
        [InlineData("SELECT status FROM orders WHERE id = @OrderId")]
        public Task OrderedRelativeOrOtherStatements_AreNotReported(string sql)
            => Verify.VerifyAsync(Handler($$"""
                    await _connection.ExecuteAsync("{{sql}}", message);
            """));

        [Fact]
        public Task StatementBuiltAtRunTime_IsNotReported()
            => Verify.VerifyAsync(Handler("""
                    var table = message.Status == "archived" ? "archive" : "orders";
                    await _connection.ExecuteAsync("UPDATE " + table + " SET status = @Status WHERE id = @OrderId", message);
            """));

        [Fact]
        public Task UpdateOutsideAHandler_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Ship(string id)
                {
                    await _connection.ExecuteAsync("UPDATE orders SET status = 'shipped' WHERE id = @id", new { id });
                }
            """));

        [Fact]
        public Task SqlUpdate_IsOfferedNoFix()
            => Verify.VerifyFixAsync(
                Handler("""
                    await {|#0:_connection.ExecuteAsync("UPDATE orders SET status = @Status WHERE id = @OrderId", message)|};
            """),
                new[] { Expect("Handle", "NServiceBus message handler", "ExecuteAsync") },
                Handler("""
                    await {|#0:_connection.ExecuteAsync("UPDATE orders SET status = @Status WHERE id = @OrderId", message)|};
            """));
    }
}
