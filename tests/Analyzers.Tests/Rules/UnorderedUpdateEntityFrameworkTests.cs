using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnorderedUpdateAnalyzer, Consistency.CodeFixes.Rules.UnorderedUpdateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0004 for EF Core: a handler loads an entity from the store, sets its properties and saves the changes, with no
    /// comparison of a version before it (a concurrency token does not order messages: the older message loads the
    /// newer row and overwrites it without a conflict).
    /// </summary>
    public class UnorderedUpdateEntityFrameworkTests
    {
        private const string Saves = "saves the changes to an entity it loaded";

        private static DiagnosticResult Expect(string operation = "SaveChangesAsync", bool viaHelper = false)
        {
            var result = Verify.Diagnostic().WithLocation(0);
            if (viaHelper)
            {
                result = result.WithLocation(1);
            }

            return result.WithArguments("Consume", "MassTransit consumer", operation, Saves);
        }

        private static string Consumer(string body) => Class("public class StatusConsumer : IConsumer<StatusChanged>", $$"""
                public async Task Consume(ConsumeContext<StatusChanged> context)
                {
                    var message = context.Message;
            {{body}}
                }
            """ + UnorderedUpdateTests.Messages);

        [Fact]
        public Task LoadedEntityChangedAndSaved_IsReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId);
                    order!.Status = message.Status;
                    await {|#0:_db.SaveChangesAsync()|};
            """), Expect());

        [Fact]
        public Task FoundEntity_SavedSynchronously_IsReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _db.Orders.FindAsync(message.OrderId);
                    if (order is null)
                    {
                        return;
                    }

                    order.Status = message.Status;
                    {|#0:_db.SaveChanges()|};
            """), Expect("SaveChanges"));

        [Fact]
        public Task EntityFromAQueryChain_IsReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _db.Orders.Where(o => o.Id == message.OrderId).SingleAsync();
                    order.Status = message.Status;
                    await {|#0:_db.SaveChangesAsync()|};
            """), Expect());

        [Fact]
        public Task UpdateInAHelper_IsReportedAtTheCall()
            => Verify.VerifyAsync(Consumer("""
                    await {|#0:MarkAsync(message.OrderId, message.Status)|};
                }

                private async Task MarkAsync(string id, string status)
                {
                    var order = await _db.Orders.SingleAsync(o => o.Id == id);
                    order.Status = status;
                    await {|#1:_db.SaveChangesAsync()|};
            """), Expect(viaHelper: true));

        [Theory]
        [InlineData("if (order.Version >= message.Version) return;")]
        [InlineData("if (message.Version <= order.Version)\n{\n    return;\n}")]
        [InlineData("if (order is null || order.Version > message.Version) throw new InvalidOperationException(\"stale\");")]
        public Task VersionComparedFirst_IsNotReported(string check)
            => Verify.VerifyAsync(Consumer($$"""
                    var order = await _versioned.Orders.FirstAsync(o => o.Id == message.OrderId);
                    {{check}}
                    order.Version = (int)message.Version;
                    await _versioned.SaveChangesAsync();
            """));

        [Fact]
        public Task InsertOnly_IsNotReported()
            => Verify.VerifyAsync(Consumer("""
                    _db.Orders.Add(new Order { Id = message.OrderId, Status = message.Status });
                    await _db.SaveChangesAsync();
            """));

        [Fact]
        public Task LoadedEntityOnlyRead_IsNotReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _db.Orders.FirstAsync(o => o.Id == message.OrderId);
                    _db.Orders.Add(new Order { Id = order.Id + "-copy", Status = order.Status });
                    await _db.SaveChangesAsync();
            """));

        [Fact]
        public Task EntityFromMemory_IsNotReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = new List<Order> { new Order { Id = message.OrderId } }.First(o => o.Id == message.OrderId);
                    order.Status = message.Status;
                    await _db.SaveChangesAsync();
            """));

        [Fact]
        public Task EntityUpdate_IsOfferedNoFix()
        {
            string source = Consumer("""
                    var order = await _db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId);
                    order!.Status = message.Status;
                    await {|#0:_db.SaveChangesAsync()|};
            """);
            return Verify.VerifyFixAsync(source, new[] { Expect() }, source);
        }

        [Fact]
        public Task OutsideAHandler_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task ShipAsync(string id)
                {
                    var order = await _db.Orders.FirstAsync(o => o.Id == id);
                    order.Status = "shipped";
                    await _db.SaveChangesAsync();
                }
            """));
    }
}
