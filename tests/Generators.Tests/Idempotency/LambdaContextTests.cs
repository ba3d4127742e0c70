using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Generators.Idempotency;
using Consistency.Generators.Tests.Infrastructure;
using Consistency.Runtime.Idempotency;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Generators.Tests.Idempotency
{
    /// <summary>
    /// A Lambda function's wrapper bounds the in-progress record by the invocation's remaining time. Runs the generated
    /// code against the Amazon.Lambda.Core stand-in, compiled here so that it can also be loaded.
    /// </summary>
    public class LambdaContextTests
    {
        private const string Function = """
            using System;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Consistency;
            using Consistency.Runtime.Idempotency;

            namespace Functions
            {
                public sealed record Charge([property: IdempotencyKey] string PaymentId, decimal Amount);

                [JsonSerializable(typeof(Charge))]
                [JsonSerializable(typeof(string))]
                internal partial class FunctionJson : JsonSerializerContext
                {
                }

                public sealed class FakeContext : ILambdaContext
                {
                    public FakeContext(TimeSpan remaining) => RemainingTime = remaining;

                    public string AwsRequestId => "request-1";

                    public string FunctionName => "charge";

                    public string FunctionVersion => "1";

                    public string InvokedFunctionArn => "arn:aws:lambda:eu-west-1:000000000000:function:charge";

                    public ILambdaLogger Logger => throw new NotSupportedException();

                    public int MemoryLimitInMB => 512;

                    public TimeSpan RemainingTime { get; }
                }

                public partial class ChargeFunction
                {
                    private static readonly IdempotencyHandler Idempotency = new(new InMemoryIdempotencyStore());

                    public static TaskCompletionSource Gate { get; } = new();

                    [Idempotent("billing.charge", InProgressExpirationSeconds = 60)]
                    public async Task<string> ChargeAsync(Charge charge, ILambdaContext context)
                    {
                        await Gate.Task.ConfigureAwait(false);
                        return charge.PaymentId + " by " + context.AwsRequestId;
                    }
                }
            }
            """;

        private static readonly Lazy<(MetadataReference Reference, Assembly Assembly)> LambdaCore = new(CompileLambdaCore);

        [Fact]
        public async Task InProgressRecord_ExpiresWithTheInvocation_NotAfterTheAttributesDefault()
        {
            var test = GeneratorHarness.Create(new IdempotentGenerator(), Function);
            test.ReferenceAssemblies = Consistency.Testing.ReferenceAssemblies.Net.WithAbstractions().WithDynamoDb().AddReferences(LambdaCore.Value.Reference);
            var assembly = GeneratorHarness.EmitAndLoad(test.Run());
            var functionType = assembly.GetType("Functions.ChargeFunction", throwOnError: true)!;
            var function = Activator.CreateInstance(functionType)!;
            var charge = Activator.CreateInstance(assembly.GetType("Functions.Charge", throwOnError: true)!, "p-1", 5m)!;
            var context = Activator.CreateInstance(assembly.GetType("Functions.FakeContext", throwOnError: true)!, TimeSpan.FromMinutes(10))!;

            var before = DateTimeOffset.UtcNow;
            var first = GeneratorHarness.InvokeAsync(function, "ChargeIdempotentAsync", charge, context);
            var duplicate = await Assert.ThrowsAsync<IdempotencyAlreadyInProgressException>(() => GeneratorHarness.InvokeAsync(function, "ChargeIdempotentAsync", charge, context));
            ((TaskCompletionSource)functionType.GetProperty("Gate")!.GetValue(null)!).SetResult();
            var result = await first;

            Assert.Equal("p-1 by request-1", result);
            Assert.NotNull(duplicate.InProgressUntil);
            Assert.InRange(duplicate.InProgressUntil!.Value, before + TimeSpan.FromMinutes(9), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        }

        private static (MetadataReference, Assembly) CompileLambdaCore()
        {
            var testing = typeof(TestPaths).Assembly;
            using var resource = testing.GetManifestResourceStream("StandIns/Amazon.Lambda.Core/LambdaCore.cs")
                ?? throw new InvalidOperationException("The Amazon.Lambda.Core stand-in is not embedded in the harness.");
            using var reader = new StreamReader(resource);
            var compilation = CSharpCompilation.Create(
                "Amazon.Lambda.Core",
                new[] { CSharpSyntaxTree.ParseText(reader.ReadToEnd()) },
                Consistency.Testing.ReferenceAssemblies.Net.Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            var bytes = image.ToArray();
            var assembly = Assembly.Load(bytes);

            // Assemblies loaded from bytes resolve their references through the default context: point it at this one.
            AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == "Amazon.Lambda.Core" ? assembly : null;
            return (MetadataReference.CreateFromImage(bytes), assembly);
        }
    }
}
