using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace Consistency.Runtime.Streams;

/// <summary>
/// A small DynamoDB Streams client: the JSON 1.0 protocol (<c>X-Amz-Target: DynamoDBStreams_20120810.*</c>) over
/// <see cref="HttpClient"/>, signed with Signature Version 4 from the SDK's credentials. Throttling and server errors
/// are retried with backoff.
/// </summary>
public sealed class DynamoDbStreamsClient : IDynamoDbStreamsClient, IDisposable
{
    private const string TargetPrefix = "DynamoDBStreams_20120810.";
    private const string ContentType = "application/x-amz-json-1.0";
    private const int MaxAttempts = 4;

    private readonly Uri _endpoint;
    private readonly string _region;
    private readonly AWSCredentials _credentials;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for an endpoint (for DynamoDB Local: the same endpoint as DynamoDB).</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>https://streams.dynamodb.eu-west-1.amazonaws.com</c>.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="httpClient">The HTTP client to use; a new one when <see langword="null"/> (then owned and disposed).</param>
    /// <param name="timeProvider">The clock for signatures.</param>
    public DynamoDbStreamsClient(Uri endpoint, string region, AWSCredentials credentials, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(credentials);
        _endpoint = endpoint;
        _region = region;
        _credentials = credentials;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a client for the public endpoint of <paramref name="region"/>.</summary>
    /// <param name="region">The region, e.g. <c>eu-west-1</c>.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <returns>The client.</returns>
    public static DynamoDbStreamsClient ForRegion(string region, AWSCredentials credentials) =>
        new(new Uri($"https://streams.dynamodb.{region}.amazonaws.com/"), region, credentials);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListStreamsAsync(string tableName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        var arns = new List<string>();
        string? start = null;
        do
        {
            using var document = await SendAsync(
                "ListStreams",
                writer =>
                {
                    writer.WriteString("TableName", tableName);
                    if (start is not null)
                    {
                        writer.WriteString("ExclusiveStartStreamArn", start);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.TryGetProperty("Streams", out var streams))
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    arns.Add(stream.GetProperty("StreamArn").GetString()!);
                }
            }

            start = root.TryGetProperty("LastEvaluatedStreamArn", out var last) ? last.GetString() : null;
        }
        while (start is not null);
        return arns;
    }

    /// <inheritdoc />
    public async Task<StreamDescription> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamArn);
        using var document = await SendAsync(
            "DescribeStream",
            writer =>
            {
                writer.WriteString("StreamArn", streamArn);
                if (exclusiveStartShardId is not null)
                {
                    writer.WriteString("ExclusiveStartShardId", exclusiveStartShardId);
                }
            },
            cancellationToken).ConfigureAwait(false);
        var description = document.RootElement.GetProperty("StreamDescription");
        var shards = new List<StreamShard>();
        if (description.TryGetProperty("Shards", out var shardArray))
        {
            foreach (var shard in shardArray.EnumerateArray())
            {
                string? startSequence = null;
                string? endSequence = null;
                if (shard.TryGetProperty("SequenceNumberRange", out var range))
                {
                    startSequence = OptionalString(range, "StartingSequenceNumber");
                    endSequence = OptionalString(range, "EndingSequenceNumber");
                }

                shards.Add(new StreamShard(shard.GetProperty("ShardId").GetString()!, OptionalString(shard, "ParentShardId"), startSequence, endSequence));
            }
        }

        return new StreamDescription(
            OptionalString(description, "StreamArn") ?? streamArn,
            OptionalString(description, "StreamStatus") ?? "UNKNOWN",
            shards,
            OptionalString(description, "LastEvaluatedShardId"));
    }

    /// <inheritdoc />
    public async Task<string?> GetShardIteratorAsync(string streamArn, string shardId, ShardIteratorType type, string? sequenceNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamArn);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        var typeName = type switch
        {
            ShardIteratorType.TrimHorizon => "TRIM_HORIZON",
            ShardIteratorType.Latest => "LATEST",
            ShardIteratorType.AtSequenceNumber => "AT_SEQUENCE_NUMBER",
            ShardIteratorType.AfterSequenceNumber => "AFTER_SEQUENCE_NUMBER",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        if (type is ShardIteratorType.AtSequenceNumber or ShardIteratorType.AfterSequenceNumber)
        {
            ArgumentException.ThrowIfNullOrEmpty(sequenceNumber);
        }

        using var document = await SendAsync(
            "GetShardIterator",
            writer =>
            {
                writer.WriteString("StreamArn", streamArn);
                writer.WriteString("ShardId", shardId);
                writer.WriteString("ShardIteratorType", typeName);
                if (sequenceNumber is not null && type is ShardIteratorType.AtSequenceNumber or ShardIteratorType.AfterSequenceNumber)
                {
                    writer.WriteString("SequenceNumber", sequenceNumber);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return OptionalString(document.RootElement, "ShardIterator");
    }

    /// <inheritdoc />
    public async Task<StreamRecordsPage> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardIterator);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        using var document = await SendAsync(
            "GetRecords",
            writer =>
            {
                writer.WriteString("ShardIterator", shardIterator);
                writer.WriteNumber("Limit", limit);
            },
            cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var records = root.TryGetProperty("Records", out _) ? ChangeRecordJson.ReadRecords(root) : new List<ChangeRecord>();
        return new StreamRecordsPage(records, OptionalString(root, "NextShardIterator"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonDocument> SendAsync(string operation, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        var body = buffer.WrittenMemory.ToArray();
        for (var attempt = 1; ; attempt++)
        {
            using var request = await CreateSignedRequestAsync(operation, body, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(content);
                }

                var error = ReadError(operation, response.StatusCode, content);
                var retryable = (int)response.StatusCode >= 500
                    || error.ErrorCode is "LimitExceededException" or "ThrottlingException" or "ProvisionedThroughputExceededException";
                if (!retryable || attempt >= MaxAttempts)
                {
                    throw error;
                }
            }

            await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpRequestMessage> CreateSignedRequestAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var target = TargetPrefix + operation;
        var amzDate = SigV4Signer.FormatAmzDate(now);
        var signed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = _endpoint.Authority,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (credentials.UseToken)
        {
            signed["x-amz-security-token"] = credentials.Token;
        }

        var authorization = SigV4Signer.CreateAuthorization("POST", signed, body, _region, "dynamodb", credentials.AccessKey, credentials.SecretKey, now);
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static DynamoDbStreamsException ReadError(string operation, HttpStatusCode status, byte[] content)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(content);
            var type = OptionalString(document.RootElement, "__type");
            code = type is null ? null : type[(type.LastIndexOf('#') + 1)..];
            message = OptionalString(document.RootElement, "message") ?? OptionalString(document.RootElement, "Message");
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or load balancer answered): the status says enough.
        }

        return new DynamoDbStreamsException($"DynamoDB Streams {operation} failed with {(int)status} {code}: {message}")
        {
            ErrorCode = code,
            StatusCode = status,
        };
    }

    private static Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds((50 << attempt) + Random.Shared.Next(0, 50)), cancellationToken);

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
