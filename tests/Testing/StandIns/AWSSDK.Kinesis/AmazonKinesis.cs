// Stand-in for AWSSDK.Kinesis 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Kinesis.Model;
using Amazon.Runtime;

namespace Amazon.Kinesis
{
    public interface IAmazonKinesis : IAmazonService, IDisposable
    {
        Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default);
        Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default);
        Task<GetRecordsResponse> GetRecordsAsync(GetRecordsRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonKinesisClient : IAmazonKinesis
    {
        public AmazonKinesisClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PutRecordsResponse> PutRecordsAsync(PutRecordsRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<GetRecordsResponse> GetRecordsAsync(GetRecordsRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.Kinesis.Model
{
    public class PutRecordRequest : AmazonWebServiceRequest
    {
        public string? StreamName { get; set; }
        public string? StreamARN { get; set; }
        public MemoryStream? Data { get; set; }
        public string? PartitionKey { get; set; }
        public string? ExplicitHashKey { get; set; }
        public string? SequenceNumberForOrdering { get; set; }
    }

    public class PutRecordResponse : AmazonWebServiceResponse
    {
        public string? SequenceNumber { get; set; }
        public string? ShardId { get; set; }
    }

    public class PutRecordsRequestEntry
    {
        public MemoryStream? Data { get; set; }
        public string? PartitionKey { get; set; }
        public string? ExplicitHashKey { get; set; }
    }

    public class PutRecordsRequest : AmazonWebServiceRequest
    {
        public string? StreamName { get; set; }
        public string? StreamARN { get; set; }
        public List<PutRecordsRequestEntry>? Records { get; set; }
    }

    public class PutRecordsResultEntry
    {
        public string? SequenceNumber { get; set; }
        public string? ShardId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
    }

    public class PutRecordsResponse : AmazonWebServiceResponse
    {
        public int? FailedRecordCount { get; set; }
        public List<PutRecordsResultEntry>? Records { get; set; }
    }

    public class GetRecordsRequest : AmazonWebServiceRequest
    {
        public string? ShardIterator { get; set; }
        public int? Limit { get; set; }
    }

    public class Record
    {
        public MemoryStream? Data { get; set; }
        public string? PartitionKey { get; set; }
        public string? SequenceNumber { get; set; }
    }

    public class GetRecordsResponse : AmazonWebServiceResponse
    {
        public List<Record>? Records { get; set; }
        public string? NextShardIterator { get; set; }
    }
}
