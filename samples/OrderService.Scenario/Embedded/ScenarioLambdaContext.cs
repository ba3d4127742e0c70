using System;
using System.IO;
using Amazon.Lambda.Core;

namespace OrderService.Scenario.Embedded
{
    /// <summary>The Lambda context the scenario passes to the functions it invokes.</summary>
    public sealed class ScenarioLambdaContext(string functionName, TextWriter? log) : ILambdaContext, ILambdaLogger
    {
        public string AwsRequestId { get; } = Guid.NewGuid().ToString();

        public string FunctionName => functionName;

        public string FunctionVersion => "$LATEST";

        public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;

        public ILambdaLogger Logger => this;

        public int MemoryLimitInMB => 512;

        public TimeSpan RemainingTime => TimeSpan.FromMinutes(5);

        public void Log(string message) => log?.Write(message);

        public void LogLine(string message) => log?.WriteLine($"    [{functionName}] {message}");
    }
}
