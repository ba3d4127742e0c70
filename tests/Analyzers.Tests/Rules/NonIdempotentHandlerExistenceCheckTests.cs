using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0002 and an existence check of the stored row keyed by the message (<c>if (await _db.Orders.AnyAsync(o =&gt; o.Id
    /// == message.OrderId)) return;</c>): a redelivery finds the row and leaves before the effects. Only a query of the
    /// store, keyed on a key member, that leaves when the row exists (or runs the effects only when it does not) counts.
    /// </summary>
    public class NonIdempotentHandlerExistenceCheckTests
    {
        private const string Insert = """
                    _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                    await _db.SaveChangesAsync();
            """;

        /// <summary>A handler with the check and the effects; with <paramref name="reported"/>, its name is #0 and the save #1.</summary>
        private static string Handler(string check, string effects = Insert, bool reported = false)
        {
            string body = check + "\n" + effects;
            return Function($$"""
                public async Task {{(reported ? "{|#0:Handler|}" : "Handler")}}(CloudWatchEvent<OrderDetail> evnt)
                {
            {{(reported ? body.Replace("await _db.SaveChangesAsync()", "await {|#1:_db.SaveChangesAsync()|}") : body)}}
                }
            """);
        }

        private static Consistency.Testing.DiagnosticResult Inserts() => Expect("Handler", "EventBridge Lambda handler", "SaveChangesAsync", InsertsEntity);

        [Theory]
        [InlineData("if (await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId).ConfigureAwait(false))\n{\n    return;\n}")]
        [InlineData("if (await _db.Orders.AnyAsync(order => evnt.Detail.OrderId == order.Id)) throw new InvalidOperationException(\"duplicate\");")]
        [InlineData("if (_db.Orders.Any(o => o.Id == evnt.Detail.OrderId)) return;")]
        public Task ExistenceCheckThatLeaves_GuardsTheInsert(string check)
            => VerifyAsync(Handler(check));

        [Fact]
        public Task EffectsOnlyWhenTheRowIsMissing_AreGuarded()
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    if (!await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId))
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
                        await _sns.PublishAsync("arn", evnt.Detail.OrderId);
                    }
                }
            """));

        [Fact]
        public Task ExistenceCheck_GuardsAPublishAfterTheInsertToo()
            => VerifyAsync(Handler(
                "if (await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId)) return;",
                """
                    _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                    await _db.SaveChangesAsync();
                    await _sns.PublishAsync("arn", evnt.Detail.OrderId);
            """));

        [Fact]
        public Task LeavingWhenTheRowIsMissing_IsNoGuard()
            => VerifyAsync(Handler("if (!await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId)) return;", reported: true), Inserts());

        [Fact]
        public Task EffectsOnlyWhenTheRowExists_AreNotGuarded()
            => VerifyAsync(Handler("if (await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId))\n{", Insert + "}", reported: true), Inserts());

        [Fact]
        public Task CheckOnAnotherMember_IsNoGuard()
            => VerifyAsync(Handler("if (await _db.Orders.AnyAsync(o => o.Status == \"blocked\")) return;", reported: true), Inserts());

        [Fact]
        public Task CheckOfAnInMemoryList_IsNoGuard()
            => VerifyAsync(
                Handler("if (Seen.Any(o => o.Id == evnt.Detail.OrderId)) return;", reported: true)
                    .Replace("public async Task {|#0:Handler|}", "private static readonly List<Order> Seen = new();\n    public async Task {|#0:Handler|}"),
                Inserts());

        [Fact]
        public Task CheckAfterTheInsert_GuardsNothing()
            => VerifyAsync(Handler(Insert, "if (await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId)) return;", reported: true), Inserts());
    }
}
