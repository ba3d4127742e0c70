// Stand-in for AWSSDK.Lambda 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Model;
using Amazon.Runtime;

namespace Amazon.Lambda
{
    public class InvocationType : ConstantClass
    {
        public static readonly InvocationType DryRun = new InvocationType("DryRun");
        public static readonly InvocationType Event = new InvocationType("Event");
        public static readonly InvocationType RequestResponse = new InvocationType("RequestResponse");

        public InvocationType(string value)
            : base(value)
        {
        }

        public static InvocationType FindValue(string value) => new InvocationType(value);

        public static implicit operator InvocationType(string value) => FindValue(value);
    }

    public interface IAmazonLambda : IAmazonService, IDisposable
    {
        Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonLambdaClient : IAmazonLambda
    {
        public AmazonLambdaClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.Lambda.Model
{
    public class InvokeRequest : AmazonWebServiceRequest
    {
        public string? FunctionName { get; set; }
        public InvocationType? InvocationType { get; set; }
        public string? Payload { get; set; }
        public MemoryStream? PayloadStream { get; set; }
        public string? Qualifier { get; set; }
    }

    public class InvokeResponse : AmazonWebServiceResponse
    {
        public int? StatusCode { get; set; }
        public string? FunctionError { get; set; }
        public MemoryStream? Payload { get; set; }
    }
}
