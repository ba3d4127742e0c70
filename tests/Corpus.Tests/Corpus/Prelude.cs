// The corpus's shared declarations: usings, models and a base class holding every client, so that each case is
// a method. Labels: the comment `// expect: <ids>` (or `// expect: none`) right above a method names the rules that
// RULES.md §2 says must report in that method; every method of the corpus carries one.
global using System;
global using System.Collections.Generic;
global using System.Data;
global using System.Data.Common;
global using System.IO;
global using System.Linq;
global using System.Net.Http;
global using System.Text;
global using System.Text.Json;
global using System.Threading;
global using System.Threading.Tasks;
global using Amazon.DynamoDBv2;
global using Amazon.DynamoDBv2.DataModel;
global using Amazon.DynamoDBv2.DocumentModel;
global using Amazon.DynamoDBv2.Model;
global using Amazon.EventBridge;
global using Amazon.EventBridge.Model;
global using Amazon.Kinesis;
global using Amazon.Kinesis.Model;
global using Amazon.Lambda;
global using Amazon.Lambda.Core;
global using Amazon.Lambda.DynamoDBEvents;
global using Amazon.Lambda.KinesisEvents;
global using Amazon.Lambda.SNSEvents;
global using Amazon.Lambda.SQSEvents;
global using Amazon.SimpleNotificationService;
global using Amazon.SimpleNotificationService.Model;
global using Amazon.SQS;
global using Amazon.SQS.Model;
global using Azure.Messaging.ServiceBus;
global using Confluent.Kafka;
global using Consistency;
global using Dapper;
global using DotNetCore.CAP;
global using MassTransit;
global using Microsoft.EntityFrameworkCore;
global using MongoDB.Driver;
global using NServiceBus;
global using Paramore.Brighter;
global using RabbitMQ.Client;
global using Wolverine;

namespace Corpus
{
    public class Order { public string Id { get; set; } = ""; public string Status { get; set; } = ""; public int Version { get; set; } public decimal Total { get; set; } }
    public class OutboxMessage { public string Id { get; set; } = ""; public string Payload { get; set; } = ""; public DateTime? ProcessedAt { get; set; } }
    public sealed record OrderPlaced(string OrderId, decimal Total);
    public sealed record OrderShipped(string OrderId, int Version);
    public sealed class PlaceOrderCommand : Paramore.Brighter.Command
    {
        // expect: none
        public PlaceOrderCommand() : base(Guid.NewGuid()) { }

        public string OrderId { get; set; } = "";
    }

    public class ShopDbContext : DbContext
    {
        public DbSet<Order> Orders { get; set; } = null!;
        public DbSet<OutboxMessage> OutboxMessages { get; set; } = null!;
    }

    public abstract class Service
    {
        protected const string Queue = "https://sqs.eu-west-1.amazonaws.com/1/orders";
        protected const string FifoQueue = "https://sqs.eu-west-1.amazonaws.com/1/orders.fifo";
        protected const string Topic = "arn:aws:sns:eu-west-1:1:orders";
        protected readonly IAmazonDynamoDB _ddb = null!;
        protected readonly IDynamoDBContext _context = null!;
        protected readonly ITable _table = null!;
        protected readonly IAmazonSQS _sqs = null!;
        protected readonly IAmazonSimpleNotificationService _sns = null!;
        protected readonly IAmazonKinesis _kinesis = null!;
        protected readonly IAmazonEventBridge _events = null!;
        protected readonly Amazon.StepFunctions.IAmazonStepFunctions _stepFunctions = null!;
        protected readonly IAmazonLambda _lambda = null!;
        protected readonly IPublishEndpoint _publishEndpoint = null!;
        protected readonly IMessageSession _session = null!;
        protected readonly IProducer<string, string> _producer = null!;
        protected readonly ServiceBusSender _sender = null!;
        protected readonly IModel _channel = null!;
        protected readonly IAmACommandProcessor _commands = null!;
        protected readonly ICapPublisher _cap = null!;
        protected readonly IMessageBus _bus = null!;
        protected readonly ShopDbContext _db = null!;
        protected readonly IDbConnection _connection = null!;
        protected readonly DbConnection _dbConnection = null!;
        protected readonly IMongoCollection<Order> _orders = null!;
        protected readonly HttpClient _http = null!;

        // expect: none
        protected static Dictionary<string, AttributeValue> Item(string id) => new() { ["pk"] = new AttributeValue { S = id } };
        // expect: none
        protected static string Json(object value) => JsonSerializer.Serialize(value);
    }
}
