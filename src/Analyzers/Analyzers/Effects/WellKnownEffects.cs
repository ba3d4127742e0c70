using System.Collections.Immutable;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// The built-in effect catalogue (RULES.md §1.1) as data. Both the synchronous names (the .NET Framework builds
    /// of the AWS SDK, EF Core, Mongo…) and the asynchronous ones are listed; a type that a compilation does not
    /// reference is skipped when the catalogue is resolved, at no further cost.
    /// </summary>
    internal static class WellKnownEffects
    {
        public static ImmutableArray<EffectRule> Rules { get; } = Create();

        private static ImmutableArray<EffectRule> Create()
        {
            var rules = ImmutableArray.CreateBuilder<EffectRule>();

            // DynamoDB low-level client.
            foreach (var client in new[] { "Amazon.DynamoDBv2.IAmazonDynamoDB", "Amazon.DynamoDBv2.AmazonDynamoDBClient" })
            {
                Add(rules, client, EffectKind.DbWrite, "DynamoDB", EffectTraits.None, EffectCondition.None, "PutItem", "PutItemAsync", "UpdateItem", "UpdateItemAsync", "DeleteItem", "DeleteItemAsync", "BatchWriteItem", "BatchWriteItemAsync", "BatchExecuteStatement", "BatchExecuteStatementAsync");
                Add(rules, client, EffectKind.DbWrite, "DynamoDB", EffectTraits.AtomicBatch, EffectCondition.None, "TransactWriteItems", "TransactWriteItemsAsync", "ExecuteTransaction", "ExecuteTransactionAsync");
                Add(rules, client, EffectKind.DbWrite, "DynamoDB", EffectTraits.None, EffectCondition.SqlText, "ExecuteStatement", "ExecuteStatementAsync");
                Add(rules, client, EffectKind.DbRead, "DynamoDB", EffectTraits.None, EffectCondition.None, "GetItem", "GetItemAsync", "BatchGetItem", "BatchGetItemAsync", "TransactGetItems", "TransactGetItemsAsync");
                Add(rules, client, EffectKind.DbRead, "DynamoDB", EffectTraits.ReadsMany, EffectCondition.None, "Query", "QueryAsync", "Scan", "ScanAsync");
            }

            // DynamoDB object persistence model.
            foreach (var context in new[] { "Amazon.DynamoDBv2.DataModel.IDynamoDBContext", "Amazon.DynamoDBv2.DataModel.DynamoDBContext" })
            {
                Add(rules, context, EffectKind.DbWrite, "DynamoDB", EffectTraits.None, EffectCondition.None, "Save", "SaveAsync", "Delete", "DeleteAsync", "ExecuteBatchWrite", "ExecuteBatchWriteAsync");
                Add(rules, context, EffectKind.DbWrite, "DynamoDB", EffectTraits.AtomicBatch, EffectCondition.None, "ExecuteTransactWrite", "ExecuteTransactWriteAsync");
                Add(rules, context, EffectKind.DbRead, "DynamoDB", EffectTraits.None, EffectCondition.None, "Load", "LoadAsync", "ExecuteBatchGet", "ExecuteBatchGetAsync", "ExecuteTransactGet", "ExecuteTransactGetAsync");
                Add(rules, context, EffectKind.DbRead, "DynamoDB", EffectTraits.ReadsMany, EffectCondition.None, "Query", "QueryAsync", "Scan", "ScanAsync", "FromQuery", "FromQueryAsync", "FromScan", "FromScanAsync");
            }

            foreach (var batch in new[] { "Amazon.DynamoDBv2.DataModel.IBatchWrite", "Amazon.DynamoDBv2.DataModel.BatchWrite", "Amazon.DynamoDBv2.DataModel.IMultiTableBatchWrite", "Amazon.DynamoDBv2.DataModel.MultiTableBatchWrite", "Amazon.DynamoDBv2.DocumentModel.IDocumentBatchWrite", "Amazon.DynamoDBv2.DocumentModel.DocumentBatchWrite", "Amazon.DynamoDBv2.DocumentModel.IMultiTableDocumentBatchWrite", "Amazon.DynamoDBv2.DocumentModel.MultiTableDocumentBatchWrite" })
            {
                Add(rules, batch, EffectKind.DbWrite, "DynamoDB", EffectTraits.None, EffectCondition.None, "Execute", "ExecuteAsync");
            }

            foreach (var transaction in new[] { "Amazon.DynamoDBv2.DataModel.ITransactWrite", "Amazon.DynamoDBv2.DataModel.TransactWrite", "Amazon.DynamoDBv2.DataModel.IMultiTableTransactWrite", "Amazon.DynamoDBv2.DataModel.MultiTableTransactWrite", "Amazon.DynamoDBv2.DocumentModel.IDocumentTransactWrite", "Amazon.DynamoDBv2.DocumentModel.DocumentTransactWrite", "Amazon.DynamoDBv2.DocumentModel.IMultiTableDocumentTransactWrite", "Amazon.DynamoDBv2.DocumentModel.MultiTableDocumentTransactWrite" })
            {
                Add(rules, transaction, EffectKind.DbWrite, "DynamoDB", EffectTraits.AtomicBatch, EffectCondition.None, "Execute", "ExecuteAsync");
            }

            foreach (var search in new[] { "Amazon.DynamoDBv2.DataModel.IAsyncSearch`1", "Amazon.DynamoDBv2.DataModel.AsyncSearch`1", "Amazon.DynamoDBv2.DocumentModel.ISearch", "Amazon.DynamoDBv2.DocumentModel.Search" })
            {
                Add(rules, search, EffectKind.DbRead, "DynamoDB", EffectTraits.ReadsMany, EffectCondition.None, "GetRemaining", "GetRemainingAsync", "GetNextSet", "GetNextSetAsync");
            }

            // DynamoDB document model.
            foreach (var table in new[] { "Amazon.DynamoDBv2.DocumentModel.ITable", "Amazon.DynamoDBv2.DocumentModel.Table" })
            {
                Add(rules, table, EffectKind.DbWrite, "DynamoDB", EffectTraits.None, EffectCondition.None, "PutItem", "PutItemAsync", "UpdateItem", "UpdateItemAsync", "DeleteItem", "DeleteItemAsync");
                Add(rules, table, EffectKind.DbRead, "DynamoDB", EffectTraits.None, EffectCondition.None, "GetItem", "GetItemAsync");
                Add(rules, table, EffectKind.DbRead, "DynamoDB", EffectTraits.ReadsMany, EffectCondition.None, "Query", "Scan");
            }

            // Our own outbox unit of work: business writes and events in one TransactWriteItems.
            Add(rules, "Consistency.Runtime.Outbox.OutboxUnitOfWork", EffectKind.DbWrite, "Outbox", EffectTraits.AtomicBatch | EffectTraits.OutboxCommit, EffectCondition.None, "CommitAsync");

            // Entity Framework Core.
            Add(rules, "Microsoft.EntityFrameworkCore.DbContext", EffectKind.DbWrite, "EF Core", EffectTraits.AtomicBatch | EffectTraits.UnitOfWorkCommit, EffectCondition.None, "SaveChanges", "SaveChangesAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.DbContext", EffectKind.DbRead, "EF Core", EffectTraits.None, EffectCondition.None, "Find", "FindAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.DbSet`1", EffectKind.DbRead, "EF Core", EffectTraits.None, EffectCondition.None, "Find", "FindAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", EffectKind.DbRead, "EF Core", EffectTraits.ReadsMany, EffectCondition.None, "ToListAsync", "ToArrayAsync", "ToDictionaryAsync", "ToHashSetAsync", "AsAsyncEnumerable", "ForEachAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", EffectKind.DbRead, "EF Core", EffectTraits.None, EffectCondition.None, "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync", "AnyAsync", "AllAsync", "CountAsync", "LongCountAsync", "SumAsync", "MinAsync", "MaxAsync", "AverageAsync", "ContainsAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", EffectKind.DbWrite, "EF Core", EffectTraits.None, EffectCondition.None, "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", EffectKind.DbWrite, "EF Core", EffectTraits.None, EffectCondition.None, "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", EffectKind.DbWrite, "EF Core", EffectTraits.None, EffectCondition.SqlText, "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", EffectKind.TransactionBegin, "EF Core", EffectTraits.None, EffectCondition.None, "BeginTransaction", "BeginTransactionAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", EffectKind.TransactionBegin, "EF Core", EffectTraits.None, EffectCondition.None, "BeginTransaction", "BeginTransactionAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", EffectKind.TransactionCommit, "EF Core", EffectTraits.None, EffectCondition.None, "CommitTransaction", "CommitTransactionAsync");
            Add(rules, "Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction", EffectKind.TransactionCommit, "EF Core", EffectTraits.None, EffectCondition.None, "Commit", "CommitAsync");

            // LINQ operators that run an EF query when their source is an IQueryable.
            Add(rules, "System.Linq.Enumerable", EffectKind.DbRead, "EF Core", EffectTraits.ReadsMany, EffectCondition.QueryableSource, "ToList", "ToArray", "ToDictionary", "ToHashSet");
            Add(rules, "System.Linq.Queryable", EffectKind.DbRead, "EF Core", EffectTraits.None, EffectCondition.QueryableSource, "First", "FirstOrDefault", "Single", "SingleOrDefault", "Any", "Count");

            // ADO.NET and Dapper.
            foreach (var command in new[] { "System.Data.Common.DbCommand", "System.Data.IDbCommand" })
            {
                Add(rules, command, EffectKind.DbWrite, "ADO.NET", EffectTraits.None, EffectCondition.None, "ExecuteNonQuery", "ExecuteNonQueryAsync");
                Add(rules, command, EffectKind.DbRead, "ADO.NET", EffectTraits.ReadsMany, EffectCondition.None, "ExecuteReader", "ExecuteReaderAsync");
                Add(rules, command, EffectKind.DbRead, "ADO.NET", EffectTraits.None, EffectCondition.None, "ExecuteScalar", "ExecuteScalarAsync");
            }

            Add(rules, "System.Data.Common.DbConnection", EffectKind.TransactionBegin, "ADO.NET", EffectTraits.None, EffectCondition.None, "BeginTransaction", "BeginTransactionAsync");
            Add(rules, "System.Data.IDbConnection", EffectKind.TransactionBegin, "ADO.NET", EffectTraits.None, EffectCondition.None, "BeginTransaction");
            Add(rules, "System.Data.Common.DbTransaction", EffectKind.TransactionCommit, "ADO.NET", EffectTraits.None, EffectCondition.None, "Commit", "CommitAsync");
            Add(rules, "System.Data.IDbTransaction", EffectKind.TransactionCommit, "ADO.NET", EffectTraits.None, EffectCondition.None, "Commit");
            Add(rules, "System.Transactions.TransactionScope", EffectKind.TransactionBegin, "TransactionScope", EffectTraits.None, EffectCondition.None, ".ctor");
            Add(rules, "System.Transactions.TransactionScope", EffectKind.TransactionCommit, "TransactionScope", EffectTraits.None, EffectCondition.None, "Complete");

            Add(rules, "Dapper.SqlMapper", EffectKind.DbWrite, "Dapper", EffectTraits.None, EffectCondition.SqlText, "Execute", "ExecuteAsync");
            Add(rules, "Dapper.SqlMapper", EffectKind.DbRead, "Dapper", EffectTraits.None, EffectCondition.SqlText, "ExecuteScalar", "ExecuteScalarAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync");
            Add(rules, "Dapper.SqlMapper", EffectKind.DbRead, "Dapper", EffectTraits.ReadsMany, EffectCondition.SqlText, "Query", "QueryAsync", "QueryMultiple", "QueryMultipleAsync", "QueryUnbufferedAsync");

            // MongoDB.
            foreach (var collection in new[] { "MongoDB.Driver.IMongoCollection`1", "MongoDB.Driver.IMongoCollectionExtensions" })
            {
                Add(rules, collection, EffectKind.DbWrite, "MongoDB", EffectTraits.None, EffectCondition.None, "InsertOne", "InsertOneAsync", "InsertMany", "InsertManyAsync", "ReplaceOne", "ReplaceOneAsync", "UpdateOne", "UpdateOneAsync", "UpdateMany", "UpdateManyAsync", "DeleteOne", "DeleteOneAsync", "DeleteMany", "DeleteManyAsync", "FindOneAndUpdate", "FindOneAndUpdateAsync", "FindOneAndReplace", "FindOneAndReplaceAsync", "FindOneAndDelete", "FindOneAndDeleteAsync");
                Add(rules, collection, EffectKind.DbWrite, "MongoDB", EffectTraits.AtomicBatch, EffectCondition.None, "BulkWrite", "BulkWriteAsync");
                Add(rules, collection, EffectKind.DbRead, "MongoDB", EffectTraits.ReadsMany, EffectCondition.None, "Find", "FindSync", "FindAsync", "Aggregate", "AggregateAsync");
                Add(rules, collection, EffectKind.DbRead, "MongoDB", EffectTraits.None, EffectCondition.None, "CountDocuments", "CountDocumentsAsync");
            }

            Add(rules, "MongoDB.Driver.IClientSessionHandle", EffectKind.TransactionBegin, "MongoDB", EffectTraits.None, EffectCondition.None, "StartTransaction");
            Add(rules, "MongoDB.Driver.IClientSessionHandle", EffectKind.TransactionCommit, "MongoDB", EffectTraits.None, EffectCondition.None, "CommitTransaction", "CommitTransactionAsync");

            // AWS messaging.
            AddClients(rules, "Amazon.SQS", "IAmazonSQS", "AmazonSQSClient", "SQS", "SendMessage", "SendMessageAsync", "SendMessageBatch", "SendMessageBatchAsync");
            AddClients(rules, "Amazon.SimpleNotificationService", "IAmazonSimpleNotificationService", "AmazonSimpleNotificationServiceClient", "SNS", "Publish", "PublishAsync", "PublishBatch", "PublishBatchAsync");
            AddClients(rules, "Amazon.Kinesis", "IAmazonKinesis", "AmazonKinesisClient", "Kinesis", "PutRecord", "PutRecordAsync", "PutRecords", "PutRecordsAsync");
            AddClients(rules, "Amazon.KinesisFirehose", "IAmazonKinesisFirehose", "AmazonKinesisFirehoseClient", "Firehose", "PutRecord", "PutRecordAsync", "PutRecordBatch", "PutRecordBatchAsync");
            AddClients(rules, "Amazon.EventBridge", "IAmazonEventBridge", "AmazonEventBridgeClient", "EventBridge", "PutEvents", "PutEventsAsync");
            AddClients(rules, "Amazon.StepFunctions", "IAmazonStepFunctions", "AmazonStepFunctionsClient", "Step Functions", "StartExecution", "StartExecutionAsync", "StartSyncExecution", "StartSyncExecutionAsync");
            Add(rules, "Amazon.Lambda.IAmazonLambda", EffectKind.Publish, "Lambda", EffectTraits.None, EffectCondition.AsynchronousLambdaInvocation, "Invoke", "InvokeAsync");
            Add(rules, "Amazon.Lambda.AmazonLambdaClient", EffectKind.Publish, "Lambda", EffectTraits.None, EffectCondition.AsynchronousLambdaInvocation, "Invoke", "InvokeAsync");

            // Message buses.
            Add(rules, "MassTransit.IPublishEndpoint", EffectKind.Publish, "MassTransit", EffectTraits.None, EffectCondition.None, "Publish");
            Add(rules, "MassTransit.ISendEndpoint", EffectKind.Publish, "MassTransit", EffectTraits.None, EffectCondition.None, "Send");
            Add(rules, "NServiceBus.IMessageSession", EffectKind.Publish, "NServiceBus", EffectTraits.None, EffectCondition.None, "Send", "Publish", "SendLocal");
            Add(rules, "NServiceBus.MessageSessionExtensions", EffectKind.Publish, "NServiceBus", EffectTraits.None, EffectCondition.None, "Send", "Publish", "SendLocal");
            Add(rules, "NServiceBus.IPipelineContext", EffectKind.Publish, "NServiceBus", EffectTraits.DeferredDispatch, EffectCondition.None, "Send", "Publish", "SendLocal");
            Add(rules, "NServiceBus.PipelineContextExtensions", EffectKind.Publish, "NServiceBus", EffectTraits.DeferredDispatch, EffectCondition.None, "Send", "Publish", "SendLocal");
            Add(rules, "NServiceBus.IMessageProcessingContext", EffectKind.Publish, "NServiceBus", EffectTraits.DeferredDispatch, EffectCondition.None, "Reply");
            Add(rules, "NServiceBus.IMessageProcessingContextExtensions", EffectKind.Publish, "NServiceBus", EffectTraits.DeferredDispatch, EffectCondition.None, "Reply");
            Add(rules, "Confluent.Kafka.IProducer`2", EffectKind.Publish, "Kafka", EffectTraits.None, EffectCondition.None, "Produce", "ProduceAsync");
            Add(rules, "Azure.Messaging.ServiceBus.ServiceBusSender", EffectKind.Publish, "Service Bus", EffectTraits.None, EffectCondition.None, "SendMessageAsync", "SendMessagesAsync", "ScheduleMessageAsync", "ScheduleMessagesAsync");
            Add(rules, "RabbitMQ.Client.IModel", EffectKind.Publish, "RabbitMQ", EffectTraits.None, EffectCondition.None, "BasicPublish");
            Add(rules, "RabbitMQ.Client.IModelExensions", EffectKind.Publish, "RabbitMQ", EffectTraits.None, EffectCondition.None, "BasicPublish");
            Add(rules, "RabbitMQ.Client.IChannel", EffectKind.Publish, "RabbitMQ", EffectTraits.None, EffectCondition.None, "BasicPublishAsync");
            Add(rules, "RabbitMQ.Client.IChannelExtensions", EffectKind.Publish, "RabbitMQ", EffectTraits.None, EffectCondition.None, "BasicPublishAsync");
            Add(rules, "Paramore.Brighter.IAmACommandProcessor", EffectKind.Publish, "Brighter", EffectTraits.None, EffectCondition.None, "Post", "PostAsync");
            Add(rules, "DotNetCore.CAP.ICapPublisher", EffectKind.Publish, "CAP", EffectTraits.PublishesToEnlistableStore, EffectCondition.None, "Publish", "PublishAsync", "PublishDelay", "PublishDelayAsync");
            Add(rules, "Wolverine.IMessageBus", EffectKind.Publish, "Wolverine", EffectTraits.None, EffectCondition.None, "PublishAsync", "SendAsync", "BroadcastToTopicAsync");

            // External calls: an HTTP request that changes something elsewhere.
            Add(rules, "System.Net.Http.HttpClient", EffectKind.ExternalCall, "HTTP", EffectTraits.None, EffectCondition.None, "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync");
            Add(rules, "System.Net.Http.HttpClient", EffectKind.ExternalCall, "HTTP", EffectTraits.None, EffectCondition.HttpRequestVerb, "Send", "SendAsync");
            Add(rules, "System.Net.Http.HttpMessageInvoker", EffectKind.ExternalCall, "HTTP", EffectTraits.None, EffectCondition.HttpRequestVerb, "Send", "SendAsync");
            Add(rules, "System.Net.Http.Json.HttpClientJsonExtensions", EffectKind.ExternalCall, "HTTP", EffectTraits.None, EffectCondition.None, "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync");

            return rules.ToImmutable();
        }

        private static void AddClients(ImmutableArray<EffectRule>.Builder rules, string ns, string interfaceName, string clientName, string family, params string[] methods)
        {
            Add(rules, ns + "." + interfaceName, EffectKind.Publish, family, EffectTraits.None, EffectCondition.None, methods);
            Add(rules, ns + "." + clientName, EffectKind.Publish, family, EffectTraits.None, EffectCondition.None, methods);
        }

        private static void Add(ImmutableArray<EffectRule>.Builder rules, string type, EffectKind kind, string family, EffectTraits traits, EffectCondition condition, params string[] methods)
            => rules.Add(new EffectRule(type, ImmutableArray.Create(methods), kind, family, traits, condition));
    }
}
