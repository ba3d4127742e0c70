using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0002 and an insert keyed by the message whose duplicate-key failure the handler catches and lets go
    /// (<c>try { …; await _db.SaveChangesAsync(); } catch (DbUpdateException) { }</c>): a redelivery inserts nothing new,
    /// the store refuses the second row and the handler takes that as done. Only a catch of the store's own failure
    /// (EF Core's <c>DbUpdateException</c>, or ADO.NET's <c>DbException</c> and the providers' exceptions derived from
    /// it) around the insert, in the same method, that does not always throw again counts; and only while the row's key is not
    /// generated on each delivery, when there is never a duplicate to refuse.
    /// </summary>
    public class NonIdempotentHandlerDuplicateKeyTests
    {
        private const string EntityInsert = """
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
            """;

        private const string SqlInsert = """
                        await _connection.ExecuteAsync("INSERT INTO orders (id, total) VALUES (@Id, @Total)", new { Id = evnt.Detail.OrderId, Total = evnt.Detail.Quantity });
            """;

        private const string ProviderException = """

            public sealed class UniqueViolationException : System.Data.Common.DbException
            {
                public string SqlState => "23505";
            }
            """;

        /// <summary>An EventBridge handler with the body; with <paramref name="reported"/>, its name is #0.</summary>
        private static string Handler(string body, bool reported = false)
            => Function($$"""
                public async Task {{(reported ? "{|#0:Handler|}" : "Handler")}}(CloudWatchEvent<OrderDetail> evnt)
                {
            {{body}}
                }
            """);

        private static string Reported(string body, string effect) => body.Replace(effect, "{|#1:" + effect + "|}");

        private static Consistency.Testing.DiagnosticResult InsertsTheEntity() => Expect("Handler", "EventBridge Lambda handler", "SaveChangesAsync", InsertsEntity);

        private static Consistency.Testing.DiagnosticResult InsertsTheRow() => Expect("Handler", "EventBridge Lambda handler", "ExecuteAsync", InsertsRow);

        [Theory]
        [InlineData("catch (DbUpdateException)\n{\n    // already inserted by an earlier delivery\n}")]
        [InlineData("catch (DbUpdateException e) when (e.InnerException is not null)\n{\n    return;\n}")]
        [InlineData("catch (Microsoft.EntityFrameworkCore.DbUpdateException exception)\n{\n    Console.WriteLine(exception.Message);\n}")]
        [InlineData("catch (DbUpdateConcurrencyException)\n{\n    throw;\n}\ncatch (DbUpdateException)\n{\n}")]
        public Task EntityInsertWhoseDuplicateIsCaught_IsGuarded(string catchClauses)
            => VerifyAsync(Handler("try\n{\n" + EntityInsert + "\n}\n" + catchClauses));

        [Fact]
        public Task EntityBuiltBeforeTheTry_IsGuarded()
            => VerifyAsync(Handler("""
                    var order = new Order { Id = evnt.Detail.OrderId, Status = "placed" };
                    try
                    {
                        _db.Orders.Add(order);
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                    }
            """));

        [Fact]
        public Task SynchronousSaveWhoseDuplicateIsCaught_IsGuarded()
            => VerifyAsync(Function("""
                public void Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    try
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        _db.SaveChanges();
                    }
                    catch (DbUpdateException)
                    {
                    }
                }
            """));

        [Theory]
        [InlineData("catch (DbException)\n{\n}")]
        [InlineData("catch (System.Data.Common.DbException e) when (e.ErrorCode != 0)\n{\n    return;\n}")]
        [InlineData("catch (UniqueViolationException e) when (e.SqlState == \"23505\")\n{\n}")]
        [InlineData("catch (UniqueViolationException e)\n{\n    if (e.SqlState != \"23505\")\n    {\n        throw;\n    }\n}")]
        [InlineData("catch (DbException e)\n{\n    if (e.ErrorCode == 2627)\n    {\n        return;\n    }\n\n    throw;\n}")]
        [InlineData("catch (DbException e)\n{\n    switch (e.ErrorCode)\n    {\n        case 2627:\n            Console.WriteLine(\"already inserted\");\n            break;\n        default:\n            throw;\n    }\n}")]
        public Task SqlInsertWhoseDuplicateIsCaught_IsGuarded(string catchClause)
            => VerifyAsync(Handler("try\n{\n" + SqlInsert + "\n}\n" + catchClause) + ProviderException);

        [Theory]
        [InlineData("catch (DbUpdateException)\n{\n    throw;\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    throw new InvalidOperationException(\"failed\", e);\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    Console.WriteLine(e.Message);\n    throw;\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    if (e.InnerException is not null)\n    {\n        Console.WriteLine(e.InnerException.Message);\n    }\n\n    throw;\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    var handler = () => { return; };\n    handler();\n    throw;\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    for (int attempt = 0; attempt < 3; attempt++)\n    {\n        if (e.InnerException is null) break;\n        Console.WriteLine(attempt);\n    }\n\n    throw;\n}")]
        [InlineData("catch (DbUpdateException e)\n{\n    foreach (var line in e.Message.Split('\\n'))\n    {\n        if (line.Length == 0) continue;\n        Console.WriteLine(line);\n    }\n\n    throw;\n}")]
        [InlineData("catch (DbUpdateConcurrencyException)\n{\n}")]
        [InlineData("catch (InvalidOperationException)\n{\n}")]
        [InlineData("catch (Exception)\n{\n}")]
        [InlineData("catch\n{\n}")]
        [InlineData("finally\n{\n}")]
        public Task EntityInsertWhoseDuplicateIsNotLetGo_IsReported(string clauses)
            => VerifyAsync(Handler(Reported("try\n{\n" + EntityInsert + "\n}\n" + clauses, "_db.SaveChangesAsync()"), reported: true), InsertsTheEntity());

        [Fact]
        public Task EntityUnderAGeneratedKey_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    try
                    {
                        _db.Orders.Add(new Order { Id = Guid.NewGuid().ToString(), Status = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                    }
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        [Fact]
        public Task EntityBuiltUnderAGeneratedKeyBeforeTheTry_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    var order = new Order { Id = Guid.NewGuid().ToString(), Status = evnt.Detail.OrderId };
                    try
                    {
                        _db.Orders.Add(order);
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                    }
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        [Fact]
        public Task EntityGivenAGeneratedKeyAfterItIsBuilt_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    var order = new Order { Status = evnt.Detail.OrderId };
                    order.Id = Guid.NewGuid().ToString();
                    try
                    {
                        _db.Orders.Add(order);
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                    }
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        private const string ParameterExtensions = """

            public static class ParameterExtensions
            {
                public static DbParameter AddWithValue(this DbParameterCollection parameters, string name, object value) => throw null!;
            }
            """;

        private static string AdoHandler(string id, bool reported) => Handler(
            """
                    using var command = _dbConnection.CreateCommand();
                    command.CommandText = "INSERT INTO shipments (order_id) VALUES (@id)";
                    command.Parameters.AddWithValue("@id", 
            """ + id + """
            );
                    try
                    {
                        await 
            """ + (reported ? "{|#1:command.ExecuteNonQueryAsync()|}" : "command.ExecuteNonQueryAsync()") + """
            ;
                    }
                    catch (DbException)
                    {
                    }
            """, reported) + ParameterExtensions;

        private const string ProviderParameter = """

            public sealed class ProviderParameter
            {
                public ProviderParameter(string parameterName, object value) { ParameterName = parameterName; Value = value; }
                public string ParameterName { get; set; }
                public object? Value { get; set; }
            }
            """;

        /// <summary>An ADO.NET insert whose parameters the given statements add to <c>command</c>, in a try that lets a duplicate go.</summary>
        private static string AdoHandlerWith(string parameters, bool reported) => Handler(
            """
                    using var command = _dbConnection.CreateCommand();
                    command.CommandText = "INSERT INTO shipments (order_id, created_at) VALUES (@id, @created)";

            """ + parameters + """

                    try
                    {
                        await 
            """ + (reported ? "{|#1:command.ExecuteNonQueryAsync()|}" : "command.ExecuteNonQueryAsync()") + """
            ;
                    }
                    catch (DbException)
                    {
                    }
            """, reported) + ProviderParameter;

        [Theory]
        [InlineData("command.Parameters.Add(new ProviderParameter(\"@id\", evnt.Detail.OrderId));\ncommand.Parameters.Add(new ProviderParameter(\"@created\", DateTime.UtcNow));")]
        [InlineData("var id = command.CreateParameter();\nid.ParameterName = \"@id\";\nid.Value = evnt.Detail.OrderId;\nvar created = command.CreateParameter();\ncreated.ParameterName = \"@created\";\ncreated.Value = DateTime.UtcNow;")]
        [InlineData("command.Parameters.Add(new ProviderParameter(\"@id\", evnt.Detail.OrderId));\ncommand.Parameters.Add(new ProviderParameter(\"@created\", \"\") { ParameterName = \"@created\", Value = DateTime.UtcNow });")]
        public Task AdoParametersUnderTheMessagesKey_AreGuarded(string parameters)
            => VerifyAsync(AdoHandlerWith(parameters, reported: false));

        [Theory]
        [InlineData("command.Parameters.Add(new ProviderParameter(\"@id\", Guid.NewGuid()));")]
        [InlineData("var id = command.CreateParameter();\nid.ParameterName = \"@id\";\nid.Value = Guid.NewGuid();\ncommand.Parameters.Add(id);")]
        [InlineData("var id = command.CreateParameter();\nid.Value = Guid.NewGuid();\ncommand.Parameters.Add(id);")]
        [InlineData("command.Parameters.Add(new ProviderParameter(\"@id\", \"\") { ParameterName = \"@id\", Value = Guid.NewGuid() });")]
        public Task AdoParametersUnderAGeneratedKey_AreReported(string parameters)
            => VerifyAsync(AdoHandlerWith(parameters, reported: true), Expect("Handler", "EventBridge Lambda handler", "ExecuteNonQueryAsync", InsertsRow));

        [Fact]
        public Task AdoInsertWhoseDuplicateIsCaught_IsGuarded()
            => VerifyAsync(AdoHandler("evnt.Detail.OrderId", reported: false));

        [Fact]
        public Task AdoInsertUnderAGeneratedKey_IsReported()
            => VerifyAsync(AdoHandler("Guid.NewGuid()", reported: true), Expect("Handler", "EventBridge Lambda handler", "ExecuteNonQueryAsync", InsertsRow));

        [Fact]
        public Task SqlInsertUnderAGeneratedKey_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    try
                    {
                        await _connection.ExecuteAsync("INSERT INTO orders (id, source) VALUES (@Id, @Source)", new { Id = Guid.NewGuid(), Source = evnt.Detail.OrderId });
                    }
                    catch (DbException)
                    {
                    }
            """, "_connection.ExecuteAsync(\"INSERT INTO orders (id, source) VALUES (@Id, @Source)\", new { Id = Guid.NewGuid(), Source = evnt.Detail.OrderId })"), reported: true),
                InsertsTheRow());

        [Fact]
        public Task SqlInsertWhoseOtherFailureIsCaught_IsReported()
            => VerifyAsync(
                Handler(Reported("try\n{\n" + SqlInsert + "\n}\ncatch (TimeoutException)\n{\n}", "_connection.ExecuteAsync(\"INSERT INTO orders (id, total) VALUES (@Id, @Total)\", new { Id = evnt.Detail.OrderId, Total = evnt.Detail.Quantity })"), reported: true),
                InsertsTheRow());

        [Fact]
        public Task InsertAfterTheTry_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    try
                    {
                        await _sqs.DeleteMessageAsync("queue", evnt.Detail.OrderId);
                    }
                    catch (DbUpdateException)
                    {
                    }

                    _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                    await _db.SaveChangesAsync();
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        [Fact]
        public Task InsertInTheCatch_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    try
                    {
                        await Task.Delay(1);
                    }
                    catch (DbUpdateException)
                    {
                        _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                        await _db.SaveChangesAsync();
                    }
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        // A lambda is another method: a catch around the code that creates it may not be around the code that runs it.
        [Fact]
        public Task InsertInALambdaStartedInTheTry_IsReported()
            => VerifyAsync(
                Handler(Reported("""
                    try
                    {
                        _ = Task.Run(async () =>
                        {
                            _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                            await _db.SaveChangesAsync();
                        });
                    }
                    catch (DbUpdateException)
                    {
                    }
            """, "_db.SaveChangesAsync()"), reported: true),
                InsertsTheEntity());

        private const string EntityHelper = """

                private async Task InsertAsync(string id)
                {
                    _db.Orders.Add(new Order { Id = id });
                    await {|#1:_db.SaveChangesAsync()|};
                }
            """;

        // The handler catches the duplicate around the call of the helper that inserts (a repository's AddAsync).
        [Theory]
        [InlineData("await InsertAsync(evnt.Detail.OrderId);")]
        [InlineData("await StoreAsync(evnt.Detail.OrderId);")]
        public Task CatchAroundTheHelperThatInserts_IsAGuard(string call)
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    try
                    {
            """ + call + """

                    }
                    catch (DbUpdateException)
                    {
                    }
                }

                private async Task StoreAsync(string id) => await InsertAsync(id);
            """ + EntityHelper.Replace("{|#1:", "").Replace("|}", "")));

        [Fact]
        public Task CatchInsideTheHelperAroundAnotherHelper_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt) => await StoreAsync(evnt.Detail.OrderId);

                private async Task StoreAsync(string id)
                {
                    try
                    {
                        await InsertAsync(id);
                    }
                    catch (DbUpdateException)
                    {
                    }
                }
            """ + EntityHelper.Replace("{|#1:", "").Replace("|}", "")));

        [Fact]
        public Task CatchAroundTheHelperThatInsertsARow_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt)
                {
                    try
                    {
                        await CopyAsync(evnt.Detail.OrderId);
                    }
                    catch (DbException)
                    {
                    }
                }

                private Task CopyAsync(string id) => _connection.ExecuteAsync("INSERT INTO copies (id) VALUES (@Id)", new { Id = id });
            """));

        [Theory]
        [InlineData("await {|#2:InsertAsync(Guid.NewGuid().ToString())|};", "catch (DbUpdateException)\n{\n}")]
        [InlineData("await {|#2:InsertAsync(evnt.Detail.OrderId)|};", "catch (DbUpdateException)\n{\n    throw;\n}")]
        [InlineData("await {|#2:InsertAsync(evnt.Detail.OrderId)|};", "catch (DbException)\n{\n}")]
        [InlineData("_ = Task.Run(() => {|#2:InsertAsync(evnt.Detail.OrderId)|});", "catch (DbUpdateException)\n{\n}")]
        [InlineData("await Task.Delay(1);\n}\ncatch (DbUpdateException)\n{\n    await {|#2:InsertAsync(evnt.Detail.OrderId)|};", "finally\n{\n}")]
        public Task CatchAroundTheHelperThatDoesNotLetTheDuplicateGo_IsNoGuard(string call, string clause)
            => VerifyAsync(
                Function("""
                public async Task {|#0:Handler|}(CloudWatchEvent<OrderDetail> evnt)
                {
                    try
                    {
            """ + call + """

                    }
            """ + clause + """

                }
            """ + EntityHelper),
                Expect("Handler", "EventBridge Lambda handler", "SaveChangesAsync", InsertsEntity, viaCall: true));

        // The catch lets a duplicate row go, not a second publish.
        [Fact]
        public Task PublishInTheHelperWhoseInsertIsCaught_IsReported()
            => VerifyAsync(
                Function("""
                public async Task {|#0:Handler|}(CloudWatchEvent<OrderDetail> evnt)
                {
                    try
                    {
                        await {|#2:InsertAndAnnounceAsync(evnt.Detail.OrderId)|};
                    }
                    catch (DbUpdateException)
                    {
                    }
                }

                private async Task InsertAndAnnounceAsync(string id)
                {
                    _db.Orders.Add(new Order { Id = id });
                    await _db.SaveChangesAsync();
                    await {|#1:_sns.PublishAsync("arn", id)|};
                }
            """),
                Expect("Handler", "EventBridge Lambda handler", "PublishAsync", Publishes, viaCall: true));

        [Fact]
        public Task HelperThatCatchesItsOwnDuplicate_IsGuarded()
            => VerifyAsync(Function("""
                public async Task Handler(CloudWatchEvent<OrderDetail> evnt) => await InsertAsync(evnt.Detail.OrderId);

                private async Task InsertAsync(string id)
                {
                    try
                    {
                        _db.Orders.Add(new Order { Id = id });
                        await _db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                    }
                }
            """));
    }
}
