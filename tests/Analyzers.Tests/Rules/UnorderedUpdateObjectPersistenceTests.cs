using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnorderedUpdateAnalyzer, Consistency.CodeFixes.Rules.UnorderedUpdateFixer>;
using VerifyCreate = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnconditionalCreateAnalyzer, Consistency.CodeFixes.Rules.UnconditionalCreateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0004 for DynamoDB's object persistence model: a handler loads an item (<c>Load</c>/<c>LoadAsync</c>), sets its
    /// properties and saves it, with no comparison of a version before it. A <c>[DynamoDBVersion]</c> property does not
    /// order messages (the older message loads the newer item and saves over it without a conflict), and such a save is
    /// an update, not CH0003's unconditional create.
    /// </summary>
    public class UnorderedUpdateObjectPersistenceTests
    {
        private const string Saves = "saves the changes to an item it loaded";

        private const string Items = "\npublic class Tracked { public string Id { get; set; } = \"\"; public string Status { get; set; } = \"\"; public long Sequence { get; set; } }"
            + "\npublic class Locked { public string Id { get; set; } = \"\"; public string Status { get; set; } = \"\"; [Amazon.DynamoDBv2.DataModel.DynamoDBVersion] public int? Version { get; set; } }";

        private static string Consumer(string body) => Class("public class StatusConsumer : IConsumer<StatusChanged>", $$"""
                public async Task Consume(ConsumeContext<StatusChanged> context)
                {
                    var message = context.Message;
            {{body}}
                }
            """ + UnorderedUpdateTests.Messages + "\n}" + Items + "\npublic class Unused2\n{");

        /// <summary>An item loaded, changed and saved back; CH0004's, not CH0003's.</summary>
        private const string LoadedItemChangedAndSaved = """
                    var order = await _context.LoadAsync<Order>(message.OrderId);
                    order.Status = message.Status;
                    await _context.SaveAsync(order);
            """;

        /// <summary>An item built from the message and saved: a create (CH0003's), not an update.</summary>
        private const string ItemFromTheMessageSaved = """
                    var order = new Order { Id = message.OrderId };
                    order.Status = message.Status;
                    await _context.SaveAsync(order);
            """;

        /// <summary>The save marked as the diagnostic's location #0.</summary>
        private static string Marked(string body) => body.Replace("_context.SaveAsync(order)", "{|#0:_context.SaveAsync(order)|}");

        private static DiagnosticResult Expect(string operation = "SaveAsync")
            => Verify.Diagnostic().WithLocation(0).WithArguments("Consume", "MassTransit consumer", operation, Saves);

        [Fact]
        public Task LoadedItemChangedAndSaved_IsReported()
            => Verify.VerifyAsync(Consumer(Marked(LoadedItemChangedAndSaved)), Expect());

        [Fact]
        public Task LoadedItemWithAVersionProperty_IsReported()
            => Verify.VerifyAsync(Consumer("""
                    var item = await _context.LoadAsync<Locked>(message.OrderId, context.CancellationToken);
                    item.Status = message.Status;
                    await {|#0:_context.SaveAsync(item, context.CancellationToken)|};
            """), Expect());

        [Fact]
        public Task LoadedItemCheckedForNullAndSavedWithConfigureAwait_IsReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _context.LoadAsync<Order>(message.OrderId).ConfigureAwait(false);
                    if (order is null)
                    {
                        return;
                    }

                    order.Status = message.Status;
                    await {|#0:_context.SaveAsync(order)|}.ConfigureAwait(false);
            """), Expect());

        [Fact]
        public Task SequenceComparedBeforeTheChange_IsNotReported()
            => Verify.VerifyAsync(Consumer("""
                    var item = await _context.LoadAsync<Tracked>(message.OrderId);
                    if (item.Sequence >= message.Version)
                    {
                        return;
                    }

                    item.Status = message.Status;
                    item.Sequence = message.Version;
                    await _context.SaveAsync(item);
            """));

        [Fact]
        public Task LoadedItemSavedUnchanged_WhileAnotherIsChanged_IsNotReported()
            => Verify.VerifyAsync(Consumer("""
                    var order = await _context.LoadAsync<Order>(message.OrderId);
                    var previous = await _context.LoadAsync<Order>(message.OrderId + "-previous");
                    previous.Status = message.Status;
                    await _context.SaveAsync(order);
            """));

        [Fact]
        public Task NewItemSaved_IsNotAnUpdate()
            => Verify.VerifyAsync(Consumer("""
                    await _context.SaveAsync(new Order { Id = message.OrderId, Status = message.Status });
            """));

        [Fact]
        public Task ItemFromTheMessageSaved_IsNotAnUpdate()
            => Verify.VerifyAsync(Consumer(ItemFromTheMessageSaved));

        [Fact]
        public Task LoadedItemSaved_IsNoUnconditionalCreate()
            => VerifyCreate.VerifyAsync(Consumer(LoadedItemChangedAndSaved));

        [Fact]
        public Task ItemFromTheMessageSaved_IsAnUnconditionalCreate()
            => VerifyCreate.VerifyAsync(Consumer(Marked(ItemFromTheMessageSaved)), VerifyCreate.Diagnostic().WithLocation(0).WithArguments("Consume", "MassTransit consumer", "SaveAsync", UnconditionalCreateAnalyzerTests.SaveRemedy));
    }
}
