// Stand-in for Amazon.Lambda.Core 2.x.
using System;

namespace Amazon.Lambda.Core
{
    public interface ILambdaLogger
    {
        void Log(string message);
        void LogLine(string message);
    }

    public interface ILambdaContext
    {
        string AwsRequestId { get; }
        string FunctionName { get; }
        string FunctionVersion { get; }
        string InvokedFunctionArn { get; }
        ILambdaLogger Logger { get; }
        int MemoryLimitInMB { get; }
        TimeSpan RemainingTime { get; }
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method)]
    public sealed class LambdaSerializerAttribute : Attribute
    {
        public LambdaSerializerAttribute(Type serializerType) { SerializerType = serializerType; }
        public Type SerializerType { get; set; }
    }
}
