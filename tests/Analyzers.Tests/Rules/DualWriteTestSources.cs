namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>A service class with a field for every client the catalogue knows, so tests write only method bodies.</summary>
    internal static class DualWriteTestSources
    {
        public const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Data;
            using System.Data.Common;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using System.Transactions;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.DocumentModel;
            using Amazon.DynamoDBv2.Model;
            using Amazon.EventBridge;
            using Amazon.EventBridge.Model;
            using Amazon.Kinesis;
            using Amazon.KinesisFirehose;
            using Amazon.Lambda;
            using Amazon.Lambda.Model;
            using Amazon.SimpleNotificationService;
            using Amazon.SimpleNotificationService.Model;
            using Amazon.SQS;
            using Amazon.SQS.Model;
            using Amazon.StepFunctions;
            using Amazon.StepFunctions.Model;
            using Azure.Messaging.ServiceBus;
            using Confluent.Kafka;
            using Dapper;
            using DotNetCore.CAP;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;
            using MongoDB.Driver;
            using NServiceBus;
            using Paramore.Brighter;
            using RabbitMQ.Client;
            using Wolverine;

            """;

        public const string Models = """

            public class Order { public string Id { get; set; } = ""; public string Status { get; set; } = ""; }
            public class OutboxMessage { public string Id { get; set; } = ""; public string Payload { get; set; } = ""; public DateTime? ProcessedAt { get; set; } }
            public record OrderPlaced(string OrderId);
            public class OrderPlacedCommand : Paramore.Brighter.Command { public OrderPlacedCommand() : base(Guid.NewGuid()) { } }
            public class ShopDbContext : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;
                public DbSet<OutboxMessage> OutboxMessages { get; set; } = null!;
            }
            """;

        public const string Fields = """
                private readonly IAmazonDynamoDB _ddb = null!;
                private readonly AmazonDynamoDBClient _ddbClient = null!;
                private readonly IDynamoDBContext _context = null!;
                private readonly Table _table = null!;
                private readonly IAmazonSQS _sqs = null!;
                private readonly AmazonSQSClient _sqsClient = null!;
                private readonly IAmazonSimpleNotificationService _sns = null!;
                private readonly AmazonSimpleNotificationServiceClient _snsClient = null!;
                private readonly IAmazonKinesis _kinesis = null!;
                private readonly IAmazonKinesisFirehose _firehose = null!;
                private readonly IAmazonEventBridge _eventBridge = null!;
                private readonly IAmazonStepFunctions _stepFunctions = null!;
                private readonly IAmazonLambda _lambda = null!;
                private readonly IPublishEndpoint _publishEndpoint = null!;
                private readonly ISendEndpoint _sendEndpoint = null!;
                private readonly IBus _bus = null!;
                private readonly IMessageSession _session = null!;
                private readonly IProducer<string, string> _producer = null!;
                private readonly ServiceBusSender _sender = null!;
                private readonly IModel _model = null!;
                private readonly IChannel _channel = null!;
                private readonly IAmACommandProcessor _commandProcessor = null!;
                private readonly ICapPublisher _cap = null!;
                private readonly IMessageBus _wolverine = null!;
                private readonly IMongoCollection<Order> _orders = null!;
                private readonly ShopDbContext _db = null!;
                private readonly IDbConnection _connection = null!;
                private readonly DbConnection _dbConnection = null!;
                private readonly HttpClient _http = null!;

            """;

        /// <summary>The members wrapped in <c>public class OrderService</c>, with the usings, the fields and the model types.</summary>
        public static string Service(string members) => Usings + "public class OrderService\n{\n" + Fields + members + "\n}\n" + Models;

        /// <summary>Any source with the usings and the model types.</summary>
        public static string WithUsings(string code) => Usings + code + Models;
    }
}
