// Stand-in for AWSSDK.KinesisFirehose 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KinesisFirehose.Model;
using Amazon.Runtime;

namespace Amazon.KinesisFirehose
{
    public interface IAmazonKinesisFirehose : IAmazonService, IDisposable
    {
        Task<PutRecordResponse> PutRecordAsync(string deliveryStreamName, Record record, CancellationToken cancellationToken = default);
        Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default);
        Task<PutRecordBatchResponse> PutRecordBatchAsync(string deliveryStreamName, List<Record> records, CancellationToken cancellationToken = default);
        Task<PutRecordBatchResponse> PutRecordBatchAsync(PutRecordBatchRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonKinesisFirehoseClient : IAmazonKinesisFirehose
    {
        public AmazonKinesisFirehoseClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<PutRecordResponse> PutRecordAsync(string deliveryStreamName, Record record, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PutRecordResponse> PutRecordAsync(PutRecordRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PutRecordBatchResponse> PutRecordBatchAsync(string deliveryStreamName, List<Record> records, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PutRecordBatchResponse> PutRecordBatchAsync(PutRecordBatchRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.KinesisFirehose.Model
{
    public class Record
    {
        public MemoryStream? Data { get; set; }
    }

    public class PutRecordRequest : AmazonWebServiceRequest
    {
        public string? DeliveryStreamName { get; set; }
        public Record? Record { get; set; }
    }

    public class PutRecordResponse : AmazonWebServiceResponse
    {
        public string? RecordId { get; set; }
        public bool? Encrypted { get; set; }
    }

    public class PutRecordBatchRequest : AmazonWebServiceRequest
    {
        public string? DeliveryStreamName { get; set; }
        public List<Record>? Records { get; set; }
    }

    public class PutRecordBatchResponseEntry
    {
        public string? RecordId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
    }

    public class PutRecordBatchResponse : AmazonWebServiceResponse
    {
        public int? FailedPutCount { get; set; }
        public List<PutRecordBatchResponseEntry>? RequestResponses { get; set; }
    }
}
