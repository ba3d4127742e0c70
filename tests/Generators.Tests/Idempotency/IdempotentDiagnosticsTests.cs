using Consistency.Generators.Idempotency;
using Consistency.Generators.Tests.Infrastructure;

namespace Consistency.Generators.Tests.Idempotency
{
    /// <summary>CH0100-CH0105 for [Idempotent]: each misuse is reported where it is, and its look-alike is not.</summary>
    public class IdempotentDiagnosticsTests
    {
        private static void Verify(string members, string types = "public partial class")
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), $$"""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using System.Text.Json.Serialization;
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    public sealed record Command([property: IdempotencyKey] string Id, int Quantity);

                    public sealed record Unlisted(string Id);

                    [JsonSerializable(typeof(Command))]
                    [JsonSerializable(typeof(string))]
                    [JsonSerializable(typeof(int))]
                    internal partial class AppJson : JsonSerializerContext
                    {
                    }

                    {{types}} Handlers
                    {
                        private readonly IdempotencyHandler handler = new(new InMemoryIdempotencyStore());

                {{members}}
                    }
                }
                """);

        [Fact]
        public void WellFormedMethod_HasNoDiagnostics()
            => Verify("""
                        [Idempotent("app.run")]
                        public Task<int> RunAsync(Command command, CancellationToken cancellationToken) => Task.FromResult(command.Quantity);
                """);

        [Fact]
        public void NonPartialType_CH0100()
            => Verify("""
                        [Idempotent("app.run")]
                        public int {|CH0100:Run|}(Command command) => command.Quantity;
                """, types: "public class");

        [Fact]
        public void NonPartialContainingType_CH0100()
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using System.Text.Json.Serialization;
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    [JsonSerializable(typeof(string))]
                    internal partial class AppJson : JsonSerializerContext
                    {
                    }

                    public static class Outer
                    {
                        public partial class Inner
                        {
                            private static readonly IdempotencyHandler Handler = new(new InMemoryIdempotencyStore());

                            [Idempotent("app.inner")]
                            public static void {|CH0100:Run|}([IdempotencyKey] string id)
                            {
                            }
                        }
                    }
                }
                """);

        [Theory]
        [InlineData("public int {|CH0101:Run|}<T>([IdempotencyKey] string id) => 1;")]
        [InlineData("public int {|CH0101:Run|}([IdempotencyKey] string id, ref int total) => total;")]
        [InlineData("public int {|CH0101:Run|}([IdempotencyKey] string id, out int total) { total = 1; return 1; }")]
        [InlineData("public async void {|CH0101:Run|}([IdempotencyKey] string id) { await Task.Yield(); }")]
        [InlineData("public int {|CH0101:Run|}([IdempotencyKey] string id, params int[] values) => values.Length;")]
        [InlineData("public int {|CH0101:Run|}([IdempotencyKey] string id, ReadOnlySpan<byte> data) => data.Length;")]
        [InlineData("public ref int {|CH0101:Run|}([IdempotencyKey] string id) => ref field;\n        private int field;")]
        [InlineData("public async System.Collections.Generic.IAsyncEnumerable<int> {|CH0101:Run|}([IdempotencyKey] string id) { await Task.Yield(); yield return 1; }")]
        public void UnsupportedSignature_CH0101(string member)
            => Verify("        [Idempotent(\"app.run\")]\n        " + member);

        [Fact]
        public void AbstractMethod_CH0101()
            => Verify("""
                        [Idempotent("app.run")]
                        public abstract int {|CH0101:Run|}([IdempotencyKey] string id);
                """, types: "public abstract partial class");

        [Fact]
        public void InstanceMethodOfAStruct_CH0101_StaticMethodOfAStruct_IsFine()
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    public partial struct Handlers
                    {
                        private static readonly IdempotencyHandler Shared = new(new InMemoryIdempotencyStore());

                        [Idempotent("app.instance")]
                        public void {|CH0101:Instance|}([IdempotencyKey] string id)
                        {
                        }

                        [Idempotent("app.static")]
                        public static void Static([IdempotencyKey] string id)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public void KeywordNamedParametersAndMembers_Compile()
        {
            var run = DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using System.Text.Json.Serialization;
                using System.Threading;
                using System.Threading.Tasks;
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    [JsonSerializable(typeof(int))]
                    internal partial class AppJson : JsonSerializerContext
                    {
                    }

                    public sealed class Message
                    {
                        [IdempotencyKey]
                        public string @class { get; init; } = "";
                    }

                    public partial class Handlers
                    {
                        private readonly IdempotencyHandler handler = new(new InMemoryIdempotencyStore());

                        // Not hashed: System.Text.Json's own generator cannot serialise a property named @class.
                        [Idempotent("app.keywords", ValidatePayload = false)]
                        public Task @checked(Message @event, [IdempotencyKey] int @key, CancellationToken @token) => Task.CompletedTask;
                    }
                }
                """);

            Assert.Contains("@event.@class", Assert.Single(run.Result.GeneratedSources).SourceText.ToString(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void NoPayloadAndNoKey_CH0102()
            => Verify("""
                        [Idempotent("app.run")]
                        public Task {|CH0102:RunAsync|}(CancellationToken cancellationToken) => Task.CompletedTask;
                """);

        [Fact]
        public void PayloadWithoutKey_IsHashed_NoDiagnostic()
            => Verify("""
                        [Idempotent("app.run")]
                        public Task RunAsync(string note, CancellationToken cancellationToken) => Task.CompletedTask;
                """);

        [Theory]
        [InlineData("[{|CH0103:Idempotent|}]")]
        [InlineData("[{|CH0103:Idempotent(\"\")|}]")]
        [InlineData("[{|CH0103:Idempotent(\"   \")|}]")]
        [InlineData("[{|CH0103:Idempotent(ExpirationSeconds = 60)|}]")]
        public void MissingStableName_CH0103(string attribute)
            => Verify("        " + attribute + "\n        public int Run(Command command) => command.Quantity;");

        [Fact]
        public void StaticMethodWithOnlyAnInstanceHandler_CH0104()
            => Verify("""
                        [Idempotent("app.run")]
                        public static int {|CH0104:Run|}(Command command) => command.Quantity;
                """);

        [Fact]
        public void NoHandlerAnywhere_CH0104()
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using Consistency;

                namespace App
                {
                    public partial class Handlers
                    {
                        [Idempotent("app.run")]
                        public void {|CH0104:Run|}([IdempotencyKey] string id)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public void HandlerInheritedFromABaseClass_NoDiagnostic()
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    public abstract class HandlerBase
                    {
                        protected IdempotencyHandler Idempotency { get; } = new(new InMemoryIdempotencyStore());
                    }

                    public partial class Handlers : HandlerBase
                    {
                        [Idempotent("app.run")]
                        public void Run([IdempotencyKey] string id)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public void PrivateHandlerOfABaseClass_CH0104()
            => DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    public abstract class HandlerBase
                    {
                        private readonly IdempotencyHandler idempotency = new(new InMemoryIdempotencyStore());

                        public bool Ready => idempotency is not null;
                    }

                    public partial class Handlers : HandlerBase
                    {
                        [Idempotent("app.run")]
                        public void {|CH0104:Run|}([IdempotencyKey] string id)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public void ResultNotInAJsonContext_CH0105()
            => Verify("""
                        [Idempotent("app.run")]
                        public Unlisted {|CH0105:Run|}(Command command) => new(command.Id);
                """);

        [Fact]
        public void HashedPayloadNotInAJsonContext_CH0105()
            => Verify("""
                        [Idempotent("app.run")]
                        public int {|CH0105:Run|}(Unlisted request) => 1;
                """);

        [Fact]
        public void KeyedPayloadWithoutValidation_NeedsNoJson_NoDiagnostic()
            => Verify("""
                        [Idempotent("app.run", ValidatePayload = false)]
                        public int Run([IdempotencyKey] long id, Unlisted request) => 1;
                """);

        [Fact]
        public void TwoMethods_OneBroken_TheOtherIsStillGenerated()
        {
            var run = DiagnosticsHarness.Verify(() => new IdempotentGenerator(), """
                using Consistency;
                using Consistency.Runtime.Idempotency;

                namespace App
                {
                    public partial class Handlers
                    {
                        private readonly IdempotencyHandler handler = new(new InMemoryIdempotencyStore());

                        [Idempotent("app.good")]
                        public void Good([IdempotencyKey] string id)
                        {
                        }

                        [Idempotent("app.bad")]
                        public void {|CH0101:Bad|}<T>([IdempotencyKey] string id)
                        {
                        }
                    }
                }
                """);

            var source = Assert.Single(run.Result.GeneratedSources).SourceText.ToString();
            Assert.Contains("GoodIdempotentAsync", source, System.StringComparison.Ordinal);
            Assert.DoesNotContain("BadIdempotentAsync", source, System.StringComparison.Ordinal);
        }
    }
}
