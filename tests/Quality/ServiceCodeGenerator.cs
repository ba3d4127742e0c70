using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Consistency.Quality
{
    /// <summary>
    /// Generates realistic service code for the cost benchmark and the robustness run: per module, models and
    /// validation, repositories over every store the catalogue knows (DynamoDB low-level, object persistence and
    /// document model, EF Core, Dapper), publisher wrappers over SQS, SNS, Kinesis and EventBridge, application
    /// services (dual writes through wrappers, transactional outboxes, read-only and publish-only paths), message
    /// handlers for every framework, and the plain business logic that makes up most of a real service.
    /// </summary>
    public static class ServiceCodeGenerator
    {
        /// <summary>The lines of one module (the templates' sizes), to choose module counts for a target size.</summary>
        public static int LinesPerModule => Module(0).Sum(f => CountLines(f.Text));

        /// <summary>Files of <paramref name="modules"/> modules plus the shared kernel.</summary>
        public static IReadOnlyList<(string Path, string Text)> Generate(int modules)
        {
            var files = new List<(string, string)> { ("Shared/Kernel.cs", Kernel) };
            for (int i = 0; i < modules; i++)
            {
                files.AddRange(Module(i));
            }

            return files;
        }

        /// <summary>Modules needed for at least <paramref name="lines"/> lines.</summary>
        public static int ModulesFor(int lines) => (lines + LinesPerModule - 1) / LinesPerModule;

        public static int CountLines(string text)
        {
            int lines = 1;
            foreach (char c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }

        public static IEnumerable<(string Path, string Text)> Module(int index)
        {
            string name = Names[index % Names.Length] + (index / Names.Length).ToString(CultureInfo.InvariantCulture);
            foreach (var (file, template) in Templates)
            {
                yield return (name + "/" + file, Usings + template.Replace("__M__", name).Replace("__N__", (index % 7 + 2).ToString(CultureInfo.InvariantCulture)));
            }
        }

        private static readonly string[] Names = { "Orders", "Payments", "Shipments", "Invoices", "Customers", "Inventory", "Returns", "Loyalty" };

        private static readonly (string File, string Template)[] Templates =
        {
            ("Models.cs", ModelsTemplate),
            ("Repositories.cs", RepositoriesTemplate),
            ("Publishers.cs", PublishersTemplate),
            ("Services.cs", ServicesTemplate),
            ("Handlers.cs", HandlersTemplate),
            ("Logic.cs", LogicTemplate),
        };

        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.Data;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Text;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.DocumentModel;
            using Amazon.DynamoDBv2.Model;
            using Amazon.EventBridge;
            using Amazon.EventBridge.Model;
            using Amazon.Kinesis;
            using Amazon.Kinesis.Model;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SimpleNotificationService;
            using Amazon.SimpleNotificationService.Model;
            using Amazon.SQS;
            using Amazon.SQS.Model;
            using Dapper;
            using DotNetCore.CAP;
            using MassTransit;
            using Microsoft.EntityFrameworkCore;
            using NServiceBus;
            using Paramore.Brighter;
            using Wolverine;

            """;

        private const string Kernel = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Shop.Shared
            {
                public interface IClock { DateTimeOffset UtcNow { get; } }

                public sealed class SystemClock : IClock { public DateTimeOffset UtcNow => DateTimeOffset.UtcNow; }

                public sealed class ValidationException : Exception
                {
                    public ValidationException(string message) : base(message) { }
                    public ValidationException() { }
                    public ValidationException(string message, Exception inner) : base(message, inner) { }
                }

                public readonly record struct Money(decimal Amount, string Currency)
                {
                    public static Money Zero(string currency) => new(0m, currency);
                    public Money Add(Money other) => other.Currency == Currency ? new(Amount + other.Amount, Currency) : throw new InvalidOperationException("currency");
                    public Money Multiply(int quantity) => new(Amount * quantity, Currency);
                }

                public static class Retry
                {
                    public static async Task<T> RunAsync<T>(Func<Task<T>> action, int attempts = 3)
                    {
                        for (int attempt = 1; ; attempt++)
                        {
                            try
                            {
                                return await action().ConfigureAwait(false);
                            }
                            catch (TimeoutException) when (attempt < attempts)
                            {
                                await Task.Delay(50 * attempt).ConfigureAwait(false);
                            }
                        }
                    }
                }

                public interface IDbConnectionFactory { System.Data.IDbConnection Open(); }
            }
            """;

        private const string ModelsTemplate = """
            namespace Shop.__M__
            {
                public enum __M__Status { Draft, Submitted, Approved, Rejected, Completed, Cancelled }

                [DynamoDBTable("__M__")]
                public sealed class __M__Entity
                {
                    [DynamoDBHashKey] public string Id { get; set; } = "";
                    [DynamoDBRangeKey] public string Sort { get; set; } = "META";
                    public string CustomerId { get; set; } = "";
                    public __M__Status Status { get; set; }
                    public decimal Total { get; set; }
                    public string Currency { get; set; } = "EUR";
                    public int Version { get; set; }
                    public List<__M__Line> Lines { get; set; } = new();
                    public DateTime CreatedAt { get; set; }
                    public DateTime? UpdatedAt { get; set; }
                }

                public sealed class __M__Line
                {
                    public string Sku { get; set; } = "";
                    public int Quantity { get; set; }
                    public decimal UnitPrice { get; set; }
                    public decimal Discount { get; set; }
                }

                public sealed record __M__Created(string Id, string CustomerId, decimal Total, DateTime At);
                public sealed record __M__StatusChanged(string Id, __M__Status From, __M__Status To, int Version);
                public sealed record __M__Cancelled(string Id, string Reason);
                public sealed record Create__M__Command(string CustomerId, IReadOnlyList<__M__Line> Lines, string Currency);
                public sealed record Change__M__Status(string Id, __M__Status To, int ExpectedVersion);

                public sealed class __M__CreatedCommand : Paramore.Brighter.Command
                {
                    public __M__CreatedCommand() : base(Guid.NewGuid()) { }
                    public string EntityId { get; set; } = "";
                }

                public sealed class __M__Summary
                {
                    public string Id { get; set; } = "";
                    public int LineCount { get; set; }
                    public decimal Total { get; set; }
                    public string Label { get; set; } = "";
                }

                public static class __M__Validator
                {
                    public static IReadOnlyList<string> Validate(Create__M__Command command)
                    {
                        var errors = new List<string>();
                        if (string.IsNullOrWhiteSpace(command.CustomerId))
                        {
                            errors.Add("customer is required");
                        }

                        if (command.Lines.Count == 0)
                        {
                            errors.Add("at least one line is required");
                        }

                        for (int i = 0; i < command.Lines.Count; i++)
                        {
                            var line = command.Lines[i];
                            if (line.Quantity <= 0)
                            {
                                errors.Add($"line {i}: quantity must be positive");
                            }

                            if (line.UnitPrice < 0 || line.Discount < 0 || line.Discount > line.UnitPrice)
                            {
                                errors.Add($"line {i}: invalid price");
                            }

                            if (line.Sku.Length is < 3 or > 32)
                            {
                                errors.Add($"line {i}: invalid sku");
                            }
                        }

                        return command.Currency switch
                        {
                            "EUR" or "USD" or "GBP" => errors,
                            _ => errors.Append("unsupported currency").ToList(),
                        };
                    }

                    public static bool CanMove(__M__Status from, __M__Status to) => (from, to) switch
                    {
                        (__M__Status.Draft, __M__Status.Submitted) => true,
                        (__M__Status.Submitted, __M__Status.Approved or __M__Status.Rejected) => true,
                        (__M__Status.Approved, __M__Status.Completed) => true,
                        (not __M__Status.Completed and not __M__Status.Cancelled, __M__Status.Cancelled) => true,
                        _ => false,
                    };
                }
            }
            """;

        private const string RepositoriesTemplate = """
            namespace Shop.__M__
            {
                public interface I__M__Repository
                {
                    Task<__M__Entity?> GetAsync(string id, CancellationToken cancellationToken);
                    Task SaveAsync(__M__Entity entity, CancellationToken cancellationToken);
                    Task<IReadOnlyList<__M__Entity>> ForCustomerAsync(string customerId, CancellationToken cancellationToken);
                }

                /// <summary>Low-level client: attribute maps and expressions.</summary>
                public sealed class __M__DynamoRepository : I__M__Repository
                {
                    private const string TableName = "__M__";
                    private readonly IAmazonDynamoDB _client;

                    public __M__DynamoRepository(IAmazonDynamoDB client) => _client = client;

                    public async Task<__M__Entity?> GetAsync(string id, CancellationToken cancellationToken)
                    {
                        var response = await _client.GetItemAsync(new GetItemRequest
                        {
                            TableName = TableName,
                            Key = Key(id),
                            ConsistentRead = true,
                        }, cancellationToken);
                        return response.Item is { Count: > 0 } item ? Map(item) : null;
                    }

                    public async Task SaveAsync(__M__Entity entity, CancellationToken cancellationToken)
                    {
                        entity.Version++;
                        await _client.PutItemAsync(new PutItemRequest
                        {
                            TableName = TableName,
                            Item = ToItem(entity),
                            ConditionExpression = "attribute_not_exists(pk) OR #v < :v",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = "version" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = new AttributeValue { N = entity.Version.ToString(CultureInfo.InvariantCulture) } },
                        }, cancellationToken);
                    }

                    public async Task UpdateStatusAsync(string id, __M__Status status, int expectedVersion, CancellationToken cancellationToken)
                    {
                        await _client.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = TableName,
                            Key = Key(id),
                            UpdateExpression = "SET #s = :s, #v = :next",
                            ConditionExpression = "#v = :expected",
                            ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status", ["#v"] = "version" },
                            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                            {
                                [":s"] = new AttributeValue { S = status.ToString() },
                                [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) },
                                [":next"] = new AttributeValue { N = (expectedVersion + 1).ToString(CultureInfo.InvariantCulture) },
                            },
                        }, cancellationToken);
                    }

                    public async Task<IReadOnlyList<__M__Entity>> ForCustomerAsync(string customerId, CancellationToken cancellationToken)
                    {
                        var result = new List<__M__Entity>();
                        Dictionary<string, AttributeValue>? start = null;
                        do
                        {
                            var page = await _client.QueryAsync(new QueryRequest
                            {
                                TableName = TableName,
                                IndexName = "by-customer",
                                KeyConditionExpression = "customerId = :c",
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":c"] = new AttributeValue { S = customerId } },
                                ExclusiveStartKey = start,
                            }, cancellationToken);
                            foreach (var item in page.Items ?? new List<Dictionary<string, AttributeValue>>())
                            {
                                result.Add(Map(item));
                            }

                            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
                        }
                        while (start is not null);
                        return result;
                    }

                    private static Dictionary<string, AttributeValue> Key(string id) => new()
                    {
                        ["pk"] = new AttributeValue { S = "__M__#" + id },
                        ["sk"] = new AttributeValue { S = "META" },
                    };

                    private static Dictionary<string, AttributeValue> ToItem(__M__Entity entity)
                    {
                        var item = Key(entity.Id);
                        item["customerId"] = new AttributeValue { S = entity.CustomerId };
                        item["status"] = new AttributeValue { S = entity.Status.ToString() };
                        item["total"] = new AttributeValue { N = entity.Total.ToString(CultureInfo.InvariantCulture) };
                        item["currency"] = new AttributeValue { S = entity.Currency };
                        item["version"] = new AttributeValue { N = entity.Version.ToString(CultureInfo.InvariantCulture) };
                        item["lines"] = new AttributeValue { S = JsonSerializer.Serialize(entity.Lines) };
                        return item;
                    }

                    private static __M__Entity Map(Dictionary<string, AttributeValue> item) => new()
                    {
                        Id = item["pk"].S.Substring("__M__#".Length),
                        CustomerId = item.TryGetValue("customerId", out var c) ? c.S : "",
                        Status = Enum.TryParse<__M__Status>(item["status"].S, out var s) ? s : __M__Status.Draft,
                        Total = decimal.Parse(item["total"].N, CultureInfo.InvariantCulture),
                        Currency = item["currency"].S,
                        Version = int.Parse(item["version"].N, CultureInfo.InvariantCulture),
                        Lines = JsonSerializer.Deserialize<List<__M__Line>>(item["lines"].S) ?? new List<__M__Line>(),
                    };
                }

                /// <summary>Object persistence model.</summary>
                public sealed class __M__ContextRepository : I__M__Repository
                {
                    private readonly IDynamoDBContext _context;

                    public __M__ContextRepository(IDynamoDBContext context) => _context = context;

                    public async Task<__M__Entity?> GetAsync(string id, CancellationToken cancellationToken)
                        => await _context.LoadAsync<__M__Entity>(id, "META", cancellationToken);

                    public Task SaveAsync(__M__Entity entity, CancellationToken cancellationToken)
                    {
                        entity.UpdatedAt = DateTime.UtcNow;
                        return _context.SaveAsync(entity, cancellationToken);
                    }

                    public async Task<IReadOnlyList<__M__Entity>> ForCustomerAsync(string customerId, CancellationToken cancellationToken)
                    {
                        var all = await _context.ScanAsync<__M__Entity>(new List<ScanCondition>()).GetRemainingAsync(cancellationToken);
                        return all.Where(e => e.CustomerId == customerId).OrderBy(e => e.CreatedAt).ToList();
                    }
                }

                /// <summary>Document model.</summary>
                public sealed class __M__DocumentStore
                {
                    private readonly ITable _table;

                    public __M__DocumentStore(ITable table) => _table = table;

                    public Task PutAsync(__M__Entity entity, CancellationToken cancellationToken)
                    {
                        var document = new Document
                        {
                            ["pk"] = "__M__#" + entity.Id,
                            ["sk"] = "META",
                            ["status"] = entity.Status.ToString(),
                            ["total"] = entity.Total,
                        };
                        return _table.PutItemAsync(document, cancellationToken);
                    }
                }

                public sealed class __M__DbContext : DbContext
                {
                    public DbSet<__M__Entity> Entities { get; set; } = null!;
                    public DbSet<__M__OutboxRow> Outbox { get; set; } = null!;
                }

                public sealed class __M__OutboxRow
                {
                    public Guid Id { get; set; }
                    public string Type { get; set; } = "";
                    public string Payload { get; set; } = "";
                    public DateTime? DispatchedAt { get; set; }
                }

                /// <summary>EF Core.</summary>
                public sealed class __M__EfRepository : I__M__Repository
                {
                    private readonly __M__DbContext _db;

                    public __M__EfRepository(__M__DbContext db) => _db = db;

                    public async Task<__M__Entity?> GetAsync(string id, CancellationToken cancellationToken)
                        => await _db.Entities.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

                    public async Task SaveAsync(__M__Entity entity, CancellationToken cancellationToken)
                    {
                        _db.Update(entity);
                        await _db.SaveChangesAsync(cancellationToken);
                    }

                    public async Task<IReadOnlyList<__M__Entity>> ForCustomerAsync(string customerId, CancellationToken cancellationToken)
                        => await _db.Entities.Where(e => e.CustomerId == customerId).OrderByDescending(e => e.CreatedAt).Take(50).ToListAsync(cancellationToken);
                }

                /// <summary>Dapper.</summary>
                public sealed class __M__SqlRepository
                {
                    private readonly Shop.Shared.IDbConnectionFactory _connections;

                    public __M__SqlRepository(Shop.Shared.IDbConnectionFactory connections) => _connections = connections;

                    public async Task<int> InsertAsync(__M__Entity entity)
                    {
                        using var connection = _connections.Open();
                        return await connection.ExecuteAsync(
                            "INSERT INTO __M__ (id, customer_id, status, total) VALUES (@Id, @CustomerId, @Status, @Total)",
                            new { entity.Id, entity.CustomerId, Status = entity.Status.ToString(), entity.Total });
                    }

                    public async Task<IReadOnlyList<__M__Summary>> SummariesAsync(string customerId)
                    {
                        using var connection = _connections.Open();
                        var rows = await connection.QueryAsync<__M__Summary>("SELECT id, total FROM __M__ WHERE customer_id = @customerId", new { customerId });
                        return rows.ToList();
                    }
                }
            }
            """;

        private const string PublishersTemplate = """
            namespace Shop.__M__
            {
                public interface I__M__Events
                {
                    Task PublishAsync<T>(T @event, CancellationToken cancellationToken) where T : class;
                }

                public sealed class __M__SqsEvents : I__M__Events
                {
                    private readonly IAmazonSQS _sqs;
                    private readonly string _queueUrl;

                    public __M__SqsEvents(IAmazonSQS sqs, string queueUrl)
                    {
                        _sqs = sqs;
                        _queueUrl = queueUrl;
                    }

                    public async Task PublishAsync<T>(T @event, CancellationToken cancellationToken) where T : class
                    {
                        var request = new SendMessageRequest(_queueUrl, JsonSerializer.Serialize(@event))
                        {
                            MessageAttributes = new Dictionary<string, Amazon.SQS.Model.MessageAttributeValue>
                            {
                                ["type"] = new Amazon.SQS.Model.MessageAttributeValue { DataType = "String", StringValue = typeof(T).Name },
                            },
                        };
                        await _sqs.SendMessageAsync(request, cancellationToken);
                    }
                }

                public sealed class __M__SnsEvents : I__M__Events
                {
                    private readonly IAmazonSimpleNotificationService _sns;

                    public __M__SnsEvents(IAmazonSimpleNotificationService sns) => _sns = sns;

                    public Task PublishAsync<T>(T @event, CancellationToken cancellationToken) where T : class
                        => _sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:1:__M__", Message = JsonSerializer.Serialize(@event) }, cancellationToken);
                }

                public sealed class __M__KinesisEvents : I__M__Events
                {
                    private readonly IAmazonKinesis _kinesis;

                    public __M__KinesisEvents(IAmazonKinesis kinesis) => _kinesis = kinesis;

                    public async Task PublishAsync<T>(T @event, CancellationToken cancellationToken) where T : class
                    {
                        using var data = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(@event)));
                        await _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "__M__", PartitionKey = typeof(T).Name, Data = data }, cancellationToken);
                    }
                }

                public sealed class __M__EventBridgeEvents
                {
                    private readonly IAmazonEventBridge _events;

                    public __M__EventBridgeEvents(IAmazonEventBridge events) => _events = events;

                    public async Task<int> PublishManyAsync(IEnumerable<object> events, CancellationToken cancellationToken)
                    {
                        var entries = events.Select(e => new PutEventsRequestEntry
                        {
                            Source = "shop.__M__",
                            DetailType = e.GetType().Name,
                            Detail = JsonSerializer.Serialize(e),
                            EventBusName = "shop",
                        }).ToList();
                        int sent = 0;
                        foreach (var chunk in entries.Chunk(10))
                        {
                            await _events.PutEventsAsync(new PutEventsRequest { Entries = chunk.ToList() }, cancellationToken);
                            sent += chunk.Length;
                        }

                        return sent;
                    }
                }
            }
            """;

        private const string ServicesTemplate = """
            namespace Shop.__M__
            {
                public sealed class __M__Service
                {
                    private readonly I__M__Repository _repository;
                    private readonly I__M__Events _events;
                    private readonly __M__DbContext _db;
                    private readonly IAmazonDynamoDB _ddb;
                    private readonly Shop.Shared.IClock _clock;
                    private readonly __M__Pricing _pricing = new();

                    public __M__Service(I__M__Repository repository, I__M__Events events, __M__DbContext db, IAmazonDynamoDB ddb, Shop.Shared.IClock clock)
                    {
                        _repository = repository;
                        _events = events;
                        _db = db;
                        _ddb = ddb;
                        _clock = clock;
                    }

                    /// <summary>Writes through one wrapper and publishes through another: a dual write.</summary>
                    public async Task<string> CreateAsync(Create__M__Command command, CancellationToken cancellationToken)
                    {
                        var errors = __M__Validator.Validate(command);
                        if (errors.Count > 0)
                        {
                            throw new Shop.Shared.ValidationException(string.Join("; ", errors));
                        }

                        var entity = new __M__Entity
                        {
                            Id = Guid.NewGuid().ToString("N"),
                            CustomerId = command.CustomerId,
                            Currency = command.Currency,
                            Lines = command.Lines.ToList(),
                            CreatedAt = _clock.UtcNow.UtcDateTime,
                        };
                        entity.Total = _pricing.Total(entity.Lines, entity.Currency).Amount;
                        await _repository.SaveAsync(entity, cancellationToken);
                        await _events.PublishAsync(new __M__Created(entity.Id, entity.CustomerId, entity.Total, entity.CreatedAt), cancellationToken);
                        return entity.Id;
                    }

                    /// <summary>The event row commits with the entity: an outbox.</summary>
                    public async Task<string> CreateWithOutboxAsync(Create__M__Command command, CancellationToken cancellationToken)
                    {
                        var entity = new __M__Entity { Id = Guid.NewGuid().ToString("N"), CustomerId = command.CustomerId, Lines = command.Lines.ToList() };
                        entity.Total = _pricing.Total(entity.Lines, command.Currency).Amount;
                        _db.Entities.Add(entity);
                        _db.Outbox.Add(new __M__OutboxRow
                        {
                            Id = Guid.NewGuid(),
                            Type = nameof(__M__Created),
                            Payload = JsonSerializer.Serialize(new __M__Created(entity.Id, entity.CustomerId, entity.Total, DateTime.UtcNow)),
                        });
                        await _db.SaveChangesAsync(cancellationToken);
                        return entity.Id;
                    }

                    /// <summary>Business item and outbox item in one TransactWriteItems.</summary>
                    public Task ChangeStatusTransactionallyAsync(Change__M__Status command, CancellationToken cancellationToken)
                    {
                        var outboxItem = new Dictionary<string, AttributeValue>
                        {
                            ["pk"] = new AttributeValue { S = "OUTBOX#" + Guid.NewGuid().ToString("N") },
                            ["payload"] = new AttributeValue { S = JsonSerializer.Serialize(command) },
                        };
                        return _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                        {
                            TransactItems = new List<TransactWriteItem>
                            {
                                new()
                                {
                                    Update = new Update
                                    {
                                        TableName = "__M__",
                                        Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "__M__#" + command.Id } },
                                        UpdateExpression = "SET #s = :s",
                                        ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = command.To.ToString() } },
                                    },
                                },
                                new() { Put = new Put { TableName = "__M__", Item = outboxItem } },
                            },
                        }, cancellationToken);
                    }

                    public async Task<bool> ChangeStatusAsync(Change__M__Status command, CancellationToken cancellationToken)
                    {
                        var entity = await _repository.GetAsync(command.Id, cancellationToken);
                        if (entity is null || entity.Version != command.ExpectedVersion || !__M__Validator.CanMove(entity.Status, command.To))
                        {
                            return false;
                        }

                        var from = entity.Status;
                        entity.Status = command.To;
                        try
                        {
                            await _repository.SaveAsync(entity, cancellationToken);
                        }
                        catch (ConditionalCheckFailedException)
                        {
                            return false;
                        }

                        if (command.To == __M__Status.Cancelled)
                        {
                            await _events.PublishAsync(new __M__Cancelled(entity.Id, "requested"), cancellationToken);
                        }
                        else
                        {
                            await _events.PublishAsync(new __M__StatusChanged(entity.Id, from, command.To, entity.Version), cancellationToken);
                        }

                        return true;
                    }

                    /// <summary>Read-only: no effect to pair.</summary>
                    public async Task<IReadOnlyList<__M__Summary>> SummariesAsync(string customerId, CancellationToken cancellationToken)
                    {
                        var entities = await _repository.ForCustomerAsync(customerId, cancellationToken);
                        var summaries = new List<__M__Summary>(entities.Count);
                        foreach (var entity in entities)
                        {
                            summaries.Add(new __M__Summary
                            {
                                Id = entity.Id,
                                LineCount = entity.Lines.Count,
                                Total = entity.Total,
                                Label = __M__Formatting.Label(entity),
                            });
                        }

                        return summaries;
                    }

                    /// <summary>Publish-only: notifies without writing.</summary>
                    public Task RemindAsync(string id, CancellationToken cancellationToken)
                        => _events.PublishAsync(new __M__StatusChanged(id, __M__Status.Submitted, __M__Status.Submitted, 0), cancellationToken);
                }
            }
            """;

        private const string HandlersTemplate = """
            namespace Shop.__M__
            {
                /// <summary>SQS Lambda with partial batch failure.</summary>
                public sealed class __M__QueueFunction
                {
                    private readonly __M__Service _service;

                    public __M__QueueFunction(__M__Service service) => _service = service;

                    public async Task<SQSBatchResponse> HandleAsync(SQSEvent sqsEvent, ILambdaContext context)
                    {
                        var failures = new List<SQSBatchResponse.BatchItemFailure>();
                        foreach (var message in sqsEvent.Records)
                        {
                            try
                            {
                                var command = JsonSerializer.Deserialize<Change__M__Status>(message.Body);
                                if (command is not null)
                                {
                                    await _service.ChangeStatusAsync(command, CancellationToken.None);
                                }
                            }
                            catch (JsonException exception)
                            {
                                context.Logger.LogLine($"poison message {message.MessageId}: {exception.Message}");
                                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                            }
                        }

                        return new SQSBatchResponse(failures);
                    }
                }

                /// <summary>SNS Lambda that writes the document model.</summary>
                public sealed class __M__TopicFunction
                {
                    private readonly __M__DocumentStore _store;

                    public __M__TopicFunction(__M__DocumentStore store) => _store = store;

                    public async Task HandleAsync(SNSEvent snsEvent, ILambdaContext context)
                    {
                        foreach (var record in snsEvent.Records)
                        {
                            var created = JsonSerializer.Deserialize<__M__Created>(record.Sns.Message);
                            if (created is null)
                            {
                                continue;
                            }

                            await _store.PutAsync(new __M__Entity { Id = created.Id, CustomerId = created.CustomerId, Total = created.Total }, CancellationToken.None);
                        }
                    }
                }

                /// <summary>Kinesis Lambda projecting into a read model.</summary>
                public sealed class __M__StreamFunction
                {
                    private readonly __M__SqlRepository _sql;

                    public __M__StreamFunction(__M__SqlRepository sql) => _sql = sql;

                    public async Task<Amazon.Lambda.KinesisEvents.StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, ILambdaContext context)
                    {
                        var response = new Amazon.Lambda.KinesisEvents.StreamsEventResponse();
                        foreach (var record in kinesisEvent.Records)
                        {
                            try
                            {
                                using var reader = new StreamReader(record.Kinesis.Data);
                                var created = JsonSerializer.Deserialize<__M__Created>(await reader.ReadToEndAsync());
                                if (created is not null)
                                {
                                    await _sql.InsertAsync(new __M__Entity { Id = created.Id, CustomerId = created.CustomerId, Total = created.Total });
                                }
                            }
                            catch (Exception)
                            {
                                response.BatchItemFailures.Add(new Amazon.Lambda.KinesisEvents.StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis.SequenceNumber });
                                break;
                            }
                        }

                        return response;
                    }
                }

                /// <summary>DynamoDB stream relay: reads outbox rows from the stream and publishes them.</summary>
                public sealed class __M__OutboxRelayFunction
                {
                    private readonly IAmazonSimpleNotificationService _sns;

                    public __M__OutboxRelayFunction(IAmazonSimpleNotificationService sns) => _sns = sns;

                    public async Task HandleAsync(DynamoDBEvent streamEvent, ILambdaContext context)
                    {
                        foreach (var record in streamEvent.Records)
                        {
                            if (record.EventName != "INSERT" || record.Dynamodb.NewImage is not { } image || !image.TryGetValue("payload", out var payload))
                            {
                                continue;
                            }

                            await _sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:1:__M__", Message = payload.S }, CancellationToken.None);
                        }
                    }
                }

                public sealed class __M__CreatedConsumer : IConsumer<__M__Created>
                {
                    private readonly __M__DbContext _db;

                    public __M__CreatedConsumer(__M__DbContext db) => _db = db;

                    public async Task Consume(ConsumeContext<__M__Created> context)
                    {
                        var message = context.Message;
                        if (await _db.Entities.AnyAsync(e => e.Id == message.Id))
                        {
                            return;
                        }

                        _db.Entities.Add(new __M__Entity { Id = message.Id, CustomerId = message.CustomerId, Total = message.Total });
                        await _db.SaveChangesAsync();
                        await context.Publish(new __M__StatusChanged(message.Id, __M__Status.Draft, __M__Status.Submitted, 1));
                    }
                }

                public sealed class __M__CancelledHandler : IHandleMessages<__M__Cancelled>
                {
                    private readonly I__M__Repository _repository;

                    public __M__CancelledHandler(I__M__Repository repository) => _repository = repository;

                    public async Task Handle(__M__Cancelled message, IMessageHandlerContext context)
                    {
                        var entity = await _repository.GetAsync(message.Id, CancellationToken.None);
                        if (entity is null || entity.Status == __M__Status.Cancelled)
                        {
                            return;
                        }

                        entity.Status = __M__Status.Cancelled;
                        await _repository.SaveAsync(entity, CancellationToken.None);
                        await context.Publish(new __M__StatusChanged(entity.Id, __M__Status.Submitted, __M__Status.Cancelled, entity.Version));
                    }
                }

                public sealed class __M__CreatedCommandHandler : RequestHandlerAsync<__M__CreatedCommand>
                {
                    private readonly IDynamoDBContext _context;

                    public __M__CreatedCommandHandler(IDynamoDBContext context) => _context = context;

                    public override async Task<__M__CreatedCommand> HandleAsync(__M__CreatedCommand command, CancellationToken cancellationToken = default)
                    {
                        await _context.SaveAsync(new __M__Entity { Id = command.EntityId }, cancellationToken);
                        return await base.HandleAsync(command, cancellationToken);
                    }
                }

                public sealed class __M__CapSubscriber : ICapSubscribe
                {
                    private readonly __M__SqlRepository _sql;

                    public __M__CapSubscriber(__M__SqlRepository sql) => _sql = sql;

                    [CapSubscribe("__M__.created")]
                    public Task OnCreated(__M__Created created) => _sql.InsertAsync(new __M__Entity { Id = created.Id, CustomerId = created.CustomerId });
                }

                public static class __M__WolverineHandler
                {
                    public static async Task Handle(__M__StatusChanged changed, I__M__Repository repository, IMessageBus bus)
                    {
                        var entity = await repository.GetAsync(changed.Id, CancellationToken.None);
                        if (entity is null || entity.Version >= changed.Version)
                        {
                            return;
                        }

                        entity.Status = changed.To;
                        entity.Version = changed.Version;
                        await repository.SaveAsync(entity, CancellationToken.None);
                        await bus.PublishAsync(new __M__Summary { Id = entity.Id, Total = entity.Total });
                    }
                }
            }
            """;

        private const string LogicTemplate = """
            namespace Shop.__M__
            {
                public sealed class __M__Pricing
                {
                    private static readonly Dictionary<string, decimal> TaxRates = new(StringComparer.Ordinal) { ["EUR"] = 0.2m, ["USD"] = 0.08m, ["GBP"] = 0.175m };

                    public Shop.Shared.Money Total(IReadOnlyList<__M__Line> lines, string currency)
                    {
                        var total = Shop.Shared.Money.Zero(currency);
                        foreach (var line in lines)
                        {
                            var unit = new Shop.Shared.Money(line.UnitPrice - line.Discount, currency);
                            total = total.Add(unit.Multiply(line.Quantity));
                        }

                        decimal rate = TaxRates.TryGetValue(currency, out var found) ? found : 0m;
                        return new Shop.Shared.Money(Math.Round(total.Amount * (1 + rate), 2, MidpointRounding.ToEven), currency);
                    }

                    public decimal VolumeDiscount(int quantity) => quantity switch
                    {
                        < __N__ => 0m,
                        < 10 => 0.05m,
                        < 50 => 0.1m,
                        < 100 => 0.15m,
                        _ => 0.2m,
                    };

                    public IEnumerable<(string Sku, decimal Amount)> Breakdown(IEnumerable<__M__Line> lines)
                    {
                        foreach (var group in lines.GroupBy(l => l.Sku, StringComparer.OrdinalIgnoreCase))
                        {
                            int quantity = group.Sum(l => l.Quantity);
                            decimal gross = group.Sum(l => l.Quantity * l.UnitPrice);
                            yield return (group.Key, gross * (1 - VolumeDiscount(quantity)));
                        }
                    }
                }

                public static class __M__Formatting
                {
                    public static string Label(__M__Entity entity)
                    {
                        var builder = new StringBuilder();
                        builder.Append(entity.Id.Length > 8 ? entity.Id.Substring(0, 8) : entity.Id);
                        builder.Append(" · ").Append(entity.Status switch
                        {
                            __M__Status.Draft => "draft",
                            __M__Status.Submitted => "submitted",
                            __M__Status.Approved => "approved",
                            __M__Status.Rejected => "rejected",
                            __M__Status.Completed => "done",
                            _ => "cancelled",
                        });
                        builder.Append(" · ").Append(entity.Total.ToString("0.00", CultureInfo.InvariantCulture)).Append(' ').Append(entity.Currency);
                        return builder.ToString();
                    }

                    public static string Csv(IEnumerable<__M__Entity> entities)
                    {
                        var builder = new StringBuilder("id,customer,status,total\n");
                        foreach (var entity in entities.OrderBy(e => e.CustomerId).ThenBy(e => e.Id))
                        {
                            builder.Append(Escape(entity.Id)).Append(',').Append(Escape(entity.CustomerId)).Append(',')
                                .Append(entity.Status).Append(',').Append(entity.Total.ToString(CultureInfo.InvariantCulture)).Append('\n');
                        }

                        return builder.ToString();
                    }

                    private static string Escape(string value)
                        => value.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
                }

                public sealed class __M__Statistics
                {
                    private readonly List<decimal> _totals = new();

                    public void Add(decimal total) => _totals.Add(total);

                    public decimal Median()
                    {
                        if (_totals.Count == 0)
                        {
                            return 0m;
                        }

                        var sorted = _totals.OrderBy(t => t).ToArray();
                        int middle = sorted.Length / 2;
                        return sorted.Length % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
                    }

                    public (decimal Min, decimal Max, decimal Mean) Range()
                    {
                        decimal min = decimal.MaxValue, max = decimal.MinValue, sum = 0;
                        foreach (var total in _totals)
                        {
                            min = Math.Min(min, total);
                            max = Math.Max(max, total);
                            sum += total;
                        }

                        return _totals.Count == 0 ? (0, 0, 0) : (min, max, sum / _totals.Count);
                    }

                    public IReadOnlyDictionary<string, int> Histogram(int buckets)
                    {
                        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
                        if (_totals.Count == 0 || buckets <= 0)
                        {
                            return result;
                        }

                        var (min, max, _) = Range();
                        decimal width = Math.Max(1m, (max - min) / buckets);
                        foreach (var total in _totals)
                        {
                            int bucket = Math.Min(buckets - 1, (int)((total - min) / width));
                            string key = (min + bucket * width).ToString("0", CultureInfo.InvariantCulture);
                            result[key] = result.TryGetValue(key, out int count) ? count + 1 : 1;
                        }

                        return result;
                    }
                }
            }
            """;
    }
}
