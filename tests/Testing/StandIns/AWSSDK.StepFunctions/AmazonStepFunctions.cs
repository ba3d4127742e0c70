// Stand-in for AWSSDK.StepFunctions 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.StepFunctions.Model;

namespace Amazon.StepFunctions
{
    public interface IAmazonStepFunctions : IAmazonService, IDisposable
    {
        Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default);
        Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonStepFunctionsClient : IAmazonStepFunctions
    {
        public AmazonStepFunctionsClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.StepFunctions.Model
{
    public class StartExecutionRequest : AmazonWebServiceRequest
    {
        public string? StateMachineArn { get; set; }
        public string? Name { get; set; }
        public string? Input { get; set; }
    }

    public class StartExecutionResponse : AmazonWebServiceResponse
    {
        public string? ExecutionArn { get; set; }
        public DateTime? StartDate { get; set; }
    }

    public class DescribeExecutionRequest : AmazonWebServiceRequest
    {
        public string? ExecutionArn { get; set; }
    }

    public class DescribeExecutionResponse : AmazonWebServiceResponse
    {
        public string? Status { get; set; }
    }
}
