using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0002 and an existence check of the stored row keyed by the message (<c>if (await _db.Orders.AnyAsync(o =&gt; o.Id
    /// == message.OrderId)) return;</c>): a redelivery finds the row and leaves before the effects. Only a query of the
    /// store, keyed on a key member, that leaves when the row exists (or runs the effects only when it does not) counts:
    /// <c>Any</c>/<c>AnyAsync</c> with a keyed predicate, or a lookup of the row (<c>Find</c> by its key, or
    /// <c>FirstOrDefault</c>/<c>SingleOrDefault</c> with a keyed predicate) compared with <c>null</c>, written in the
    /// condition or kept in a local first.
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
        [InlineData("if (await _db.Orders.FindAsync(evnt.Detail.OrderId) is not null) return;")]
        [InlineData("if (await _db.Orders.FindAsync(evnt.Detail.OrderId).ConfigureAwait(false) != null) return;")]
        [InlineData("if (null != _db.Orders.Find(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _db.Orders.FirstOrDefaultAsync(o => o.Id == evnt.Detail.OrderId) is { }) return;")]
        [InlineData("if ((await _db.Orders.SingleOrDefaultAsync(o => o.Id == evnt.Detail.OrderId)) is not null) return;")]
        [InlineData("var exists = await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId);\nif (exists) return;")]
        [InlineData("var existing = await _db.Orders.FindAsync(evnt.Detail.OrderId);\nif (existing is not null) return;")]
        [InlineData("Order? existing = await _db.Orders.FirstOrDefaultAsync(o => o.Id == evnt.Detail.OrderId);\nif (existing != null)\n{\n    return;\n}")]
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

        [Theory]
        [InlineData("", "await _db.Orders.FindAsync(evnt.Detail.OrderId) is null")]
        [InlineData("", "_db.Orders.Find(evnt.Detail.OrderId) == null")]
        [InlineData("var exists = await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId);", "!exists")]
        [InlineData("var existing = await _db.Orders.FindAsync(evnt.Detail.OrderId);", "existing is null")]
        [InlineData("var existing = await _db.Orders.SingleOrDefaultAsync(o => evnt.Detail.OrderId == o.Id);", "null == existing")]
        public Task EffectsOnlyWhenTheLookedUpRowIsMissing_AreGuarded(string lookup, string condition)
            => VerifyAsync(Function($$"""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    {{lookup}}
                    if ({{condition}})
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
                    }
                }
            """));

        [Theory]
        [InlineData("await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId)")]
        [InlineData("await _db.Orders.FindAsync(evnt.Detail.OrderId) is not null")]
        public Task EffectsInTheElseOfAnExistenceCheck_AreGuarded(string condition)
            => VerifyAsync(Function($$"""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    if ({{condition}})
                    {
                        Console.WriteLine("already stored");
                    }
                    else
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
                    }
                }
            """));

        [Fact]
        public Task EffectsInTheElseOfAMissingRowCheck_AreNotGuarded()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(CloudWatchEvent<OrderDetail> evnt)
                {
                    if (await _db.Orders.FindAsync(evnt.Detail.OrderId) is null)
                    {
                        Console.WriteLine("not stored yet");
                    }
                    else
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await {|#1:_db.SaveChangesAsync()|};
                    }
                }
            """), Inserts());

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

        [Theory]
        [InlineData("if (await _db.Orders.FindAsync(evnt.Detail.OrderId) is null) return;")]
        [InlineData("var exists = await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId);\nif (!exists) return;")]
        [InlineData("var existing = await _db.Orders.FindAsync(evnt.Detail.OrderId);\nif (existing == null) return;")]
        public Task LeavingWhenTheLookedUpRowIsMissing_IsNoGuard(string check)
            => VerifyAsync(Handler(check, reported: true), Inserts());

        [Theory]
        [InlineData("if (await _db.Orders.FindAsync(evnt.Detail.OrderId) is not null)\n{")]
        [InlineData("var exists = await _db.Orders.AnyAsync(o => o.Id == evnt.Detail.OrderId);\nif (exists)\n{")]
        public Task EffectsOnlyWhenTheLookedUpRowExists_AreNotGuarded(string check)
            => VerifyAsync(Handler(check, Insert + "}", reported: true), Inserts());

        [Theory]
        [InlineData("if (await _db.Orders.FirstOrDefaultAsync(o => o.Status == \"blocked\") is not null) return;")]
        [InlineData("if (await _db.Orders.FindAsync(evnt.Detail.OrderId) is { Status: \"blocked\" }) return;")]
        [InlineData("var rows = await _db.Orders.Where(o => o.Id == evnt.Detail.OrderId).ToListAsync();\nif (rows != null) return;")]
        [InlineData("var exists = evnt.Detail.OrderId.Length > 0;\nif (exists) return;")]
        [InlineData("if (await _orders.FindAsync(o => o.Id == evnt.Detail.OrderId) != null) return;")]
        [InlineData("var existing = await _db.Orders.FindAsync(evnt.Detail.OrderId);\nexisting = null;\nif (existing is not null) return;")]
        public Task NullTestThatIsNoExistenceCheckOfTheRow_IsNoGuard(string check)
            => VerifyAsync(Handler(check, reported: true), Inserts());

        [Fact]
        public Task LookupInAnInMemoryList_IsNoGuard()
            => VerifyAsync(
                Handler("if (Seen.FirstOrDefault(o => o.Id == evnt.Detail.OrderId) is not null) return;", reported: true)
                    .Replace("public async Task {|#0:Handler|}", "private static readonly List<Order> Seen = new();\n    public async Task {|#0:Handler|}"),
                Inserts());

        /// <summary>A handler that inserts a row with Dapper after the check; with <paramref name="reported"/>, its name is #0 and the insert #1.</summary>
        private static string SqlHandler(string check, bool reported = false)
        {
            string insert = "_connection.ExecuteAsync(\"INSERT INTO orders (id, total) VALUES (@Id, @Total)\", new { Id = evnt.Detail.OrderId, Total = evnt.Detail.Quantity })";
            return Function($$"""
                public async Task {{(reported ? "{|#0:Handler|}" : "Handler")}}(CloudWatchEvent<OrderDetail> evnt)
                {
                    {{check}}
                    await {{(reported ? "{|#1:" + insert + "|}" : insert)}};
                }
            """);
        }

        [Theory]
        [InlineData("if (await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId }) > 0) return;")]
        [InlineData("if (0 != await _connection.ExecuteScalarAsync<long>(\"select count(1) from orders o where o.order_id = :id\", new { id = evnt.Detail.OrderId })) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<bool>(\"SELECT EXISTS (SELECT 1 FROM orders WHERE id = @Id)\", new { Id = evnt.Detail.OrderId })) return;")]
        [InlineData("if (1 <= (int)(await _connection.ExecuteScalarAsync<long>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId }))) return;")]
        [InlineData("if (await _connection.QueryFirstOrDefaultAsync<Order>(\"SELECT * FROM orders WHERE \\\"Id\\\" = @Id\", new { Id = evnt.Detail.OrderId }) is not null) return;")]
        [InlineData("var existing = await _connection.QuerySingleOrDefaultAsync<Order>(\"SELECT id, status FROM orders WHERE tenant = @Tenant AND id = @Id\", new { Tenant = \"t\", Id = evnt.Detail.OrderId });\nif (existing != null) return;")]
        [InlineData("var count = await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId });\nif (count >= 1) throw new InvalidOperationException(\"duplicate\");")]
        public Task SqlExistenceCheckThatLeaves_GuardsTheInsert(string check)
            => VerifyAsync(SqlHandler(check));

        [Fact]
        public Task SqlInsertOnlyWhenTheCountIsZero_IsGuarded()
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    if (await _connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orders WHERE id = @Id", new { Id = evnt.Detail.OrderId }) == 0)
                    {
                        await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", new { Id = evnt.Detail.OrderId });
                    }
                }
            """));

        [Theory]
        [InlineData("if (await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId }) == 0) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE status = @Status\", new { Status = \"frozen\" }) > 0) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders\") > 0) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId }) > 5) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<bool>(\"SELECT NOT EXISTS (SELECT 1 FROM orders WHERE id = @Id)\", new { Id = evnt.Detail.OrderId })) return;")]
        [InlineData("if (await _connection.ExecuteScalarAsync<bool?>(\"SELECT NOT EXISTS (SELECT 1 FROM orders WHERE id = @Id)\", new { Id = evnt.Detail.OrderId }) != null) return;")]
        [InlineData("if (1 > await _connection.ExecuteScalarAsync<int>(\"SELECT COUNT(*) FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId })) return;")]
        [InlineData("if (await _connection.QueryFirstOrDefaultAsync<Order>(\"SELECT * FROM orders WHERE id = @Id\", new { Id = evnt.Detail.OrderId }) is null) return;")]
        public Task SqlCheckThatIsNoExistenceCheckOfTheRow_IsNoGuard(string check)
            => VerifyAsync(SqlHandler(check, reported: true), Expect("Handler", "EventBridge Lambda handler", "ExecuteAsync", InsertsRow));

        /// <summary>A store's own wrappers of the checks, as a repository declares them.</summary>
        private const string Repository = """

            public interface IOrderRepository
            {
                Task<bool> ExistsAsync(string id);
                Task<Order?> GetAsync(string id);
            }

            public class OrderRepository : IOrderRepository
            {
                private readonly ShopDbContext _db = null!;
                private readonly IDbConnection _connection = null!;

                public Task<bool> ExistsAsync(string id) => _db.Orders.AnyAsync(o => o.Id == id);

                public async Task<Order?> GetAsync(string id)
                {
                    return await _db.Orders.FindAsync(id);
                }

                public Task<int> CountAsync(string id) => _connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orders WHERE id = @id", new { id });

                public Task<bool> AnyFrozenAsync() => _db.Orders.AnyAsync(o => o.Status == "frozen");

                public async Task<bool> ExistsAfterLoggingAsync(string id)
                {
                    Console.WriteLine(id);
                    return await _db.Orders.AnyAsync(o => o.Id == id);
                }

                public async Task<bool> ExistsOrFalseAsync(string id)
                {
                    if (id.Length == 0)
                    {
                        return false;
                    }

                    return await _db.Orders.AnyAsync(o => o.Id == id);
                }

                public Task<bool> IsKnownAsync(string id) => ExistsAsync(id);

                public Task<bool> LoopAsync(string id) => LoopAsync(id);
            }

            public interface IOrderLookup
            {
                Task<bool> ExistsAsync(string id);
            }

            public class DbOrderLookup : IOrderLookup
            {
                private readonly ShopDbContext _db = null!;

                public Task<bool> ExistsAsync(string id) => _db.Orders.AnyAsync(o => o.Id == id);
            }

            public class NoOrderLookup : IOrderLookup
            {
                public Task<bool> ExistsAsync(string id) => Task.FromResult(false);
            }
            """;

        private static string WithRepository(string source)
            => source.Replace("public class Function\n{", "public class Function\n{\n    private readonly OrderRepository _repository = null!;\n    private readonly IOrderRepository _orderRepository = null!;\n    private readonly IOrderLookup _lookup = null!;") + Repository;

        [Theory]
        [InlineData("if (await _repository.ExistsAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _repository.IsKnownAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _repository.ExistsAfterLoggingAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _repository.GetAsync(evnt.Detail.OrderId) is not null) return;")]
        [InlineData("if (await _repository.CountAsync(evnt.Detail.OrderId) > 0) return;")]
        [InlineData("if (await _orderRepository.ExistsAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("var existing = await _orderRepository.GetAsync(evnt.Detail.OrderId);\nif (existing != null) return;")]
        public Task ExistenceCheckWrappedByTheProject_GuardsTheInsert(string check)
            => VerifyAsync(WithRepository(Handler(check)));

        [Theory]
        [InlineData("if (await _repository.AnyFrozenAsync()) return;")]
        [InlineData("if (!await _repository.ExistsAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _repository.ExistsOrFalseAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _repository.LoopAsync(evnt.Detail.OrderId)) return;")]
        [InlineData("if (await _lookup.ExistsAsync(evnt.Detail.OrderId)) return;")]
        public Task WrapperThatIsNoExistenceCheck_IsNoGuard(string check)
            => VerifyAsync(WithRepository(Handler(check, reported: true)), Inserts());
    }
}
