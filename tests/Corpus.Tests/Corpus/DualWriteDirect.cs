namespace Corpus.DualWriteDirect
{
    public sealed class Orders : Service
    {
        // expect: CH0001
        public async Task PutThenSqs(Order order)
        {
            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id) });
            await _sqs.SendMessageAsync(Queue, Json(new OrderPlaced(order.Id, order.Total)));
        }

        // expect: CH0001
        public async Task UpdateThenSns(Order order)
        {
            await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", Key = Item(order.Id), UpdateExpression = "SET #s = :s" });
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = Json(order) });
        }

        // expect: CH0001
        public async Task DeleteThenKinesis(string id)
        {
            await _ddb.DeleteItemAsync(new DeleteItemRequest { TableName = "orders", Key = Item(id) });
            await _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "orders", PartitionKey = id, Data = new MemoryStream() });
        }

        // expect: CH0001, CH0006
        public async Task BatchWriteThenEventBridge(IReadOnlyList<Order> orders)
        {
            await _ddb.BatchWriteItemAsync(new BatchWriteItemRequest());
            await _events.PutEventsAsync(new PutEventsRequest { Entries = orders.Select(o => new PutEventsRequestEntry { Detail = Json(o) }).ToList() });
        }

        // expect: CH0001
        public async Task TransactWithoutOutboxThenSqs(Order order)
        {
            await _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = new List<TransactWriteItem> { new() { Put = new Put { TableName = "orders", Item = Item(order.Id) } } } });
            await _sqs.SendMessageAsync(Queue, order.Id);
        }

        // expect: CH0001
        public async Task ContextSaveThenSns(Order order)
        {
            await _context.SaveAsync(order);
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
        }

        // expect: CH0001
        public async Task ContextDeleteThenSqs(Order order)
        {
            await _context.DeleteAsync(order);
            await _sqs.SendMessageAsync(Queue, order.Id);
        }

        // expect: CH0001, CH0006
        public async Task DocumentPutThenEventBridge(Order order)
        {
            var document = new Document { ["pk"] = order.Id };
            await _table.PutItemAsync(document);
            await _events.PutEventsAsync(new PutEventsRequest { Entries = new List<PutEventsRequestEntry> { new() { Detail = Json(order) } } });
        }

        // expect: CH0001
        public async Task EfThenMassTransit(Order order)
        {
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
            await _publishEndpoint.Publish(new OrderPlaced(order.Id, order.Total));
        }

        // expect: CH0001
        public async Task EfThenNServiceBusSession(Order order)
        {
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
            await _session.Publish(new OrderPlaced(order.Id, order.Total));
        }

        // expect: CH0001
        public async Task DapperInsertThenKafka(Order order)
        {
            await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
            await _producer.ProduceAsync("orders", new Message<string, string> { Key = order.Id, Value = Json(order) });
        }

        // expect: CH0001
        public void DapperSyncThenKafkaSync(Order order)
        {
            _connection.Execute("UPDATE orders SET status = 'paid' WHERE id = @Id", order);
            _producer.Produce("orders", new Message<string, string> { Key = order.Id, Value = order.Status });
        }

        // expect: CH0001
        public async Task AdoThenServiceBus(Order order)
        {
            using var command = _dbConnection.CreateCommand();
            command.CommandText = "DELETE FROM orders WHERE id = @id";
            await command.ExecuteNonQueryAsync();
            await _sender.SendMessageAsync(new ServiceBusMessage(order.Id));
        }

        // expect: CH0001
        public async Task MongoThenRabbit(Order order)
        {
            await _orders.InsertOneAsync(order);
            _channel.BasicPublish("orders", "placed", null, Encoding.UTF8.GetBytes(order.Id));
        }

        // expect: CH0001
        public async Task DapperThenBrighter(Order order)
        {
            await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
            await _commands.PostAsync(new PlaceOrderCommand { OrderId = order.Id });
        }

        // expect: CH0001
        public async Task EfThenWolverine(Order order)
        {
            _db.Orders.Update(order);
            await _db.SaveChangesAsync();
            await _bus.PublishAsync(new OrderShipped(order.Id, order.Version));
        }

        // expect: CH0001
        public async Task EfThenCapWithoutTransaction(Order order)
        {
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
            await _cap.PublishAsync("orders.placed", new OrderPlaced(order.Id, order.Total));
        }

        // expect: CH0001
        public async Task WriteThenHttpPost(Order order)
        {
            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id) });
            await _http.PostAsync("https://payments.example/charge", new StringContent(order.Id));
        }

        // expect: CH0001
        public async Task HttpPostThenWrite(Order order)
        {
            await _http.PostAsync("https://payments.example/charge", new StringContent(order.Id));
            await _context.SaveAsync(order);
        }

        // expect: CH0001
        public async Task WriteThenStepFunctions(Order order)
        {
            await _context.SaveAsync(order);
            await _stepFunctions.StartExecutionAsync(new Amazon.StepFunctions.Model.StartExecutionRequest { StateMachineArn = "arn", Input = Json(order) });
        }

        // expect: CH0001
        public async Task WriteThenAsyncLambda(Order order)
        {
            await _context.SaveAsync(order);
            await _lambda.InvokeAsync(new Amazon.Lambda.Model.InvokeRequest { FunctionName = "ship", InvocationType = InvocationType.Event, Payload = Json(order) });
        }

        // expect: CH0001
        public async Task PublishThenWrite(Order order)
        {
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id) });
        }

        // expect: CH0001
        public async Task PublishInsideEfTransaction(Order order)
        {
            await using var transaction = await _db.Database.BeginTransactionAsync();
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
            await _sqs.SendMessageAsync(Queue, order.Id);
            await transaction.CommitAsync();
        }

        // expect: CH0001
        public async Task WriteInLoopThenPublishEach(IReadOnlyList<Order> orders)
        {
            foreach (var order in orders)
            {
                await _context.SaveAsync(order);
                await _sqs.SendMessageAsync(Queue, order.Id);
            }
        }

        // expect: CH0001
        public async Task WriteThenPublishInFinally(Order order)
        {
            try
            {
                await _context.SaveAsync(order);
            }
            finally
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
            }
        }

        // expect: CH0001
        public async Task WriteThenPublishInLambda(Order order)
        {
            await _context.SaveAsync(order);
            Func<Task> notify = async () => await _sqs.SendMessageAsync(Queue, order.Id);
            await notify();
        }

        // expect: CH0001
        public async Task WriteThenPublishInLocalFunction(Order order)
        {
            await _context.SaveAsync(order);
            await NotifyAsync();

            async Task NotifyAsync() => await _sqs.SendMessageAsync(Queue, order.Id);
        }

        // expect: CH0001
        public Task ExpressionBodiedChain(Order order)
            => _context.SaveAsync(order).ContinueWith(_ => _sqs.SendMessageAsync(Queue, order.Id)).Unwrap();

        // expect: CH0001
        public async Task ConditionalWriteThenPublish(Order order, bool notify)
        {
            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id), ConditionExpression = "attribute_not_exists(pk)" });
            if (notify)
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
            }
        }

        // expect: CH0001
        public async Task MongoReplaceThenMassTransit(Order order)
        {
            await _orders.ReplaceOneAsync(o => o.Id == order.Id, order);
            await _publishEndpoint.Publish(new OrderShipped(order.Id, order.Version));
        }
    }
}
