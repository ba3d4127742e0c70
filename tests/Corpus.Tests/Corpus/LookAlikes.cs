namespace Corpus.LookAlikes
{
    public sealed class Outboxes : Service
    {
        // expect: none
        public Task TransactWithOutboxItem(Order order)
            => _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = new List<TransactWriteItem>
                {
                    new() { Put = new Put { TableName = "orders", Item = Item(order.Id) } },
                    new() { Put = new Put { TableName = "outbox", Item = Item("outbox#" + order.Id) } },
                },
            });

        // expect: none
        public async Task EfOutboxRow(Order order)
        {
            _db.Orders.Add(order);
            _db.OutboxMessages.Add(new OutboxMessage { Id = Guid.NewGuid().ToString(), Payload = Json(new OrderPlaced(order.Id, order.Total)) });
            await _db.SaveChangesAsync();
        }

        // expect: none
        public async Task EfRelay(CancellationToken cancellationToken)
        {
            var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).Take(50).ToListAsync(cancellationToken);
            foreach (var message in pending)
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = message.Payload }, cancellationToken);
                message.ProcessedAt = DateTime.UtcNow;
            }

            await _db.SaveChangesAsync(cancellationToken);
        }

        // expect: none
        public async Task DynamoRelay(CancellationToken cancellationToken)
        {
            var page = await _ddb.QueryAsync(new QueryRequest { TableName = "outbox", KeyConditionExpression = "pk = :p" }, cancellationToken);
            foreach (var item in page.Items)
            {
                await _sqs.SendMessageAsync(Queue, item["payload"].S, cancellationToken);
                await _ddb.DeleteItemAsync(new DeleteItemRequest { TableName = "outbox", Key = item }, cancellationToken);
            }
        }

        // expect: none
        public async Task DapperRelay()
        {
            var rows = await _connection.QueryAsync<OutboxMessage>("SELECT id, payload FROM outbox WHERE processed_at IS NULL");
            foreach (var row in rows)
            {
                await _producer.ProduceAsync("orders", new Message<string, string> { Key = row.Id, Value = row.Payload });
                await _connection.ExecuteAsync("UPDATE outbox SET processed_at = now() WHERE id = @Id", row);
            }
        }

        // expect: none
        public async Task CapWithTransaction(Order order)
        {
            using var transaction = _connection.BeginTransaction(_cap, autoCommit: false);
            await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
            await _cap.PublishAsync("orders.placed", new OrderPlaced(order.Id, order.Total));
            transaction.Commit();
        }
    }

    public sealed class ReadThenPublish : Service
    {
        // expect: none
        public async Task GetItemThenSns(string id)
        {
            var response = await _ddb.GetItemAsync(new GetItemRequest { TableName = "orders", Key = Item(id), ConsistentRead = true });
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = Json(response.Item) });
        }

        // expect: none
        public async Task QueryThenSqs(string customer)
        {
            var page = await _ddb.QueryAsync(new QueryRequest { TableName = "orders", KeyConditionExpression = "c = :c" });
            await _sqs.SendMessageAsync(Queue, (page.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + customer);
        }

        // expect: CH0006
        public async Task LoadThenEventBridge(string id)
        {
            var order = await _context.LoadAsync<Order>(id);
            await _events.PutEventsAsync(new PutEventsRequest { Entries = new List<PutEventsRequestEntry> { new() { Detail = Json(order) } } });
        }

        // expect: none
        public async Task EfQueryThenMassTransit(string id)
        {
            var order = await _db.Orders.FirstOrDefaultAsync(o => o.Id == id);
            await _publishEndpoint.Publish(new OrderShipped(id, order?.Version ?? 0));
        }

        // expect: none
        public async Task DapperSelectThenKafka(string id)
        {
            var total = await _connection.ExecuteScalarAsync<decimal>("SELECT total FROM orders WHERE id = @id", new { id });
            await _producer.ProduceAsync("totals", new Message<string, string> { Key = id, Value = total.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        // expect: none
        public async Task DapperExecuteWithSelectText(string id)
        {
            await _connection.ExecuteAsync("SELECT pg_sleep(0)");
            await _sqs.SendMessageAsync(Queue, id);
        }

        // expect: none
        public async Task HttpGetThenWrite(Order order)
        {
            var price = await _http.GetStringAsync("https://prices.example/" + order.Id);
            order.Total = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
            await _context.SaveAsync(order);
        }

        // expect: none
        public async Task SynchronousLambdaInvokeThenWrite(Order order)
        {
            await _lambda.InvokeAsync(new Amazon.Lambda.Model.InvokeRequest { FunctionName = "price", InvocationType = InvocationType.RequestResponse, Payload = Json(order) });
            await _context.SaveAsync(order);
        }
    }

    public sealed class SeparateFlows : Service
    {
        // expect: none
        public Task SaveOnly(Order order) => _context.SaveAsync(order);

        // expect: none
        public Task PublishOnly(Order order) => _sqs.SendMessageAsync(Queue, order.Id);

        // expect: none
        public async Task ExclusiveBranches(Order order, bool persist)
        {
            if (persist)
            {
                await _context.SaveAsync(order);
            }
            else
            {
                await _sqs.SendMessageAsync(Queue, order.Id);
            }
        }

        // expect: none
        public async Task SwitchArms(Order order, int mode)
        {
            switch (mode)
            {
                case 0:
                    await _db.SaveChangesAsync();
                    break;
                default:
                    await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
                    break;
            }
        }

        // expect: none
        public async Task EarlyReturnAfterWrite(Order order)
        {
            if (order.Total > 0)
            {
                await _context.SaveAsync(order);
                return;
            }

            await _sqs.SendMessageAsync(Queue, "empty order " + order.Id);
        }

        // expect: none
        public async Task TwoWrites(Order order)
        {
            await _context.SaveAsync(order);
            await _connection.ExecuteAsync("UPDATE stats SET orders = orders + 1");
        }

        // expect: none
        public async Task TwoPublishes(Order order)
        {
            await _sqs.SendMessageAsync(Queue, order.Id);
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
        }

        // expect: none
        public string Describe(Order order) => $"{order.Id}: {order.Status} {order.Total}";

        // expect: none
        public async Task<int> CountAsync() => await _db.Orders.CountAsync();

        // expect: none
        public IEnumerable<Order> Filter(IEnumerable<Order> orders) => orders.Where(o => o.Total > 100).OrderBy(o => o.Id);

        // expect: none
        public async Task LogsAndDelays(Order order)
        {
            Console.WriteLine("saving " + order.Id);
            await Task.Delay(10);
            await File.WriteAllTextAsync(Path.GetTempFileName(), order.Id);
        }

        // expect: none
        public async Task NServiceBusSendLocalAfterWrite(Order order, IMessageHandlerContext context)
        {
            await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
            await context.SendLocal(new OrderShipped(order.Id, 1));
        }
    }
}
