namespace Corpus.FailuresOrdering
{
    public sealed class PublishFailures : Service
    {
        // expect: CH0001, CH0006
        public async Task SwallowAfterWrite(Order order)
        {
            await _context.SaveAsync(order);
            try
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
            }
            catch (Exception exception)
            {
                Console.WriteLine(exception.Message);
            }
        }

        // expect: CH0001
        public async Task RethrowAfterWrite(Order order)
        {
            await _context.SaveAsync(order);
            try
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
            }
            catch (Exception exception)
            {
                Console.WriteLine(exception.Message);
                throw;
            }
        }

        // expect: CH0006
        public async Task IgnoreFailedEntryCount(IReadOnlyList<Order> orders)
        {
            await _events.PutEventsAsync(new PutEventsRequest { Entries = orders.Select(o => new PutEventsRequestEntry { Detail = Json(o) }).ToList() });
        }

        // expect: none
        public async Task CheckFailedEntryCount(IReadOnlyList<Order> orders)
        {
            var response = await _events.PutEventsAsync(new PutEventsRequest { Entries = orders.Select(o => new PutEventsRequestEntry { Detail = Json(o) }).ToList() });
            if (response.FailedEntryCount > 0)
            {
                throw new InvalidOperationException($"{response.FailedEntryCount} events were not accepted");
            }
        }

        // expect: CH0006
        public async Task IgnoreFailedRecordCount(IReadOnlyList<Order> orders)
        {
            await _kinesis.PutRecordsAsync(new PutRecordsRequest { StreamName = "orders", Records = orders.Select(o => new PutRecordsRequestEntry { PartitionKey = o.Id, Data = new MemoryStream() }).ToList() });
        }

        // expect: none
        public async Task CheckFailedRecordCount(IReadOnlyList<Order> orders)
        {
            var response = await _kinesis.PutRecordsAsync(new PutRecordsRequest { StreamName = "orders", Records = orders.Select(o => new PutRecordsRequestEntry { PartitionKey = o.Id, Data = new MemoryStream() }).ToList() });
            if (response.FailedRecordCount > 0)
            {
                throw new InvalidOperationException("retry the failed records");
            }
        }

        // expect: CH0006
        public async Task IgnoreFailedBatchEntries(IReadOnlyList<Order> orders)
        {
            await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = Queue, Entries = orders.Select(o => new SendMessageBatchRequestEntry { Id = o.Id, MessageBody = Json(o) }).ToList() });
        }

        // expect: none
        public async Task CheckFailedBatchEntries(IReadOnlyList<Order> orders)
        {
            var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = Queue, Entries = orders.Select(o => new SendMessageBatchRequestEntry { Id = o.Id, MessageBody = Json(o) }).ToList() });
            if (response.Failed is { Count: > 0 })
            {
                throw new InvalidOperationException("some messages were not sent");
            }
        }

        // expect: CH0006
        public async Task RelaySwallowsPublishFailure(CancellationToken cancellationToken)
        {
            var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).ToListAsync(cancellationToken);
            foreach (var message in pending)
            {
                try
                {
                    await _sqs.SendMessageAsync(Queue, message.Payload, cancellationToken);
                }
                catch (Amazon.Runtime.AmazonServiceException)
                {
                }

                message.ProcessedAt = DateTime.UtcNow;
            }

            await _db.SaveChangesAsync(cancellationToken);
        }
    }

    public sealed class Ordering : Service
    {
        // expect: CH0007
        public Task ConstantPartitionKey(Order order)
            => _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "orders", PartitionKey = "orders", Data = new MemoryStream(Encoding.UTF8.GetBytes(order.Id)) });

        // expect: CH0007
        public Task RandomPartitionKey(Order order)
            => _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "orders", PartitionKey = Guid.NewGuid().ToString(), Data = new MemoryStream(Encoding.UTF8.GetBytes(order.Id)) });

        // expect: none
        public Task EntityPartitionKey(Order order)
            => _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "orders", PartitionKey = order.Id, Data = new MemoryStream(Encoding.UTF8.GetBytes(order.Id)) });

        // expect: CH0007
        public Task FifoWithoutGroup(Order order)
            => _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, Json(order)) { MessageDeduplicationId = order.Id + ":" + order.Version });

        // expect: CH0007
        public Task FifoWithConstantGroup(Order order)
            => _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, Json(order)) { MessageGroupId = "orders", MessageDeduplicationId = order.Id + ":" + order.Version });

        // expect: none
        public Task FifoWithEntityGroup(Order order)
            => _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, Json(order)) { MessageGroupId = order.Id, MessageDeduplicationId = order.Id + ":" + order.Version });

        // expect: none
        public Task StandardQueueWithoutGroup(Order order) => _sqs.SendMessageAsync(new SendMessageRequest(Queue, Json(order)));

        // expect: CH0007
        public Task SnsFifoWithoutGroup(Order order)
            => _sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:1:orders.fifo", Message = Json(order), MessageDeduplicationId = order.Id });

        // expect: none
        public Task SnsFifoWithEntityGroup(Order order)
            => _sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:1:orders.fifo", Message = Json(order), MessageGroupId = order.Id, MessageDeduplicationId = order.Id });
    }

    public sealed class FireAndForget : Service
    {
        // expect: CH0011
        public void DiscardedSend(Order order) => _ = _sqs.SendMessageAsync(Queue, order.Id);

        // expect: CH0011
        public void UnawaitedPublishStatement(Order order)
        {
            _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
        }

        // expect: CH0011
        public void TaskRunWrite(Order order)
        {
            Task.Run(() => _context.SaveAsync(order));
        }

        // expect: CH0001, CH0011
        public async Task WriteThenForgetPublish(Order order)
        {
            await _context.SaveAsync(order);
            _ = _sqs.SendMessageAsync(Queue, order.Id);
        }

        // expect: CH0011
        public void DiscardedWrite(Order order) => _ = _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id) });

        // expect: none
        public async Task AwaitedLater(Order order)
        {
            var sending = _sqs.SendMessageAsync(Queue, order.Id);
            Console.WriteLine("sending " + order.Id);
            await sending;
        }

        // expect: none
        public Task ReturnedTask(Order order) => _sqs.SendMessageAsync(Queue, order.Id);

        // expect: none
        public async Task AwaitedWhenAll(IReadOnlyList<Order> orders)
            => await Task.WhenAll(orders.Select(o => _sqs.SendMessageAsync(Queue, o.Id)));

        // expect: none
        public void DiscardedComputation(Order order) => _ = Task.FromResult(order.Id.Length);

        // expect: none
        public async Task CollectedThenAwaited(IReadOnlyList<Order> orders)
        {
            var sends = new List<Task>();
            foreach (var order in orders)
            {
                sends.Add(_sqs.SendMessageAsync(Queue, order.Id));
            }

            await Task.WhenAll(sends);
        }

        // The continuation is a task of its own, and nobody awaits it: a failed send is only logged, if ever.
        // expect: CH0011
        public void SendWithContinuation(Order order)
        {
            _sqs.SendMessageAsync(Queue, order.Id).ContinueWith(sent => Console.WriteLine(sent.Status), TaskScheduler.Default);
        }

        // expect: CH0007
        public Task BatchWithConstantPartitionKey(IReadOnlyList<Order> orders)
            => _kinesis.PutRecordsAsync(new PutRecordsRequest { StreamName = "orders", Records = orders.Select(o => new PutRecordsRequestEntry { PartitionKey = "orders", Data = new MemoryStream() }).ToList() });
    }
}
