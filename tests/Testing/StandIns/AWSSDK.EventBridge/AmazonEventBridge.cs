// Stand-in for AWSSDK.EventBridge 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EventBridge.Model;
using Amazon.Runtime;

namespace Amazon.EventBridge
{
    public interface IAmazonEventBridge : IAmazonService, IDisposable
    {
        Task<PutEventsResponse> PutEventsAsync(PutEventsRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonEventBridgeClient : IAmazonEventBridge
    {
        public AmazonEventBridgeClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<PutEventsResponse> PutEventsAsync(PutEventsRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.EventBridge.Model
{
    public class PutEventsRequestEntry
    {
        public string? Source { get; set; }
        public string? DetailType { get; set; }
        public string? Detail { get; set; }
        public string? EventBusName { get; set; }
        public List<string>? Resources { get; set; }
        public DateTime? Time { get; set; }
    }

    public class PutEventsRequest : AmazonWebServiceRequest
    {
        public List<PutEventsRequestEntry>? Entries { get; set; }
        public string? EndpointId { get; set; }
    }

    public class PutEventsResultEntry
    {
        public string? EventId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
    }

    public class PutEventsResponse : AmazonWebServiceResponse
    {
        public int? FailedEntryCount { get; set; }
        public List<PutEventsResultEntry>? Entries { get; set; }
    }
}
