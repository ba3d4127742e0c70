using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Consistency.Analyzers.Flow;
using Consistency.Quality;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// The site screen proves from syntax that a called body has no site, so that it is not bound. It may only change
    /// what is bound: every summary must be the same with and without it, and a body it proves free must really have
    /// no effect. The shapes below hide an effect from a name-by-name reading in every way the screen accounts for.
    /// </summary>
    public class SiteScreenTests
    {
        private const string Root = """
            public async Task PlaceAsync(Order order)
            {
                await _ddb.PutItemAsync(new PutItemRequest());
                await Helper(order);
            }

            """;

        [Fact]
        public void CorpusMethods_HaveTheSameSummaryWithAndWithoutTheScreen()
        {
            var (withEffects, proven) = CompareAll(SummaryComparison.Corpus());

            Assert.True(withEffects >= 140, $"only {withEffects} summaries with effects were compared ({proven} bodies proven free)");
            Assert.True(proven >= 40, $"only {proven} bodies were proven free of sites ({withEffects} summaries with effects)");
        }

        [Fact]
        public void ServiceCodeMethods_HaveTheSameSummaryWithAndWithoutTheScreen()
        {
            var (withEffects, proven) = CompareAll(SummaryComparison.ServiceCode());

            Assert.True(withEffects >= 60, $"only {withEffects} summaries with effects were compared ({proven} bodies proven free)");
            // Auto-property accessors are not counted: they have no body, so the engine never asks the screen about them.
            Assert.True(proven >= 160, $"only {proven} bodies were proven free of sites ({withEffects} summaries with effects)");
        }

        // Each helper reaches an effect that its own text does not name.
        [Theory]
        [InlineData("private Task Helper(Order order) => _sqs.SendMessageAsync(\"q\", order.Id);", "")]
        [InlineData("private Task Helper(Order order) => Notify(order);\nprivate Task Notify(Order order) => _sqs.SendMessageAsync(\"q\", order.Id);", "")]
        [InlineData("private Task Helper(Order order) { TransactionScope scope = new(); scope.Complete(); return Task.CompletedTask; }", "")]
        [InlineData("private Task Helper(Order order) { Keep(new()); return Task.CompletedTask; }\nprivate static void Keep(TransactionScope scope) { }", "")]
        [InlineData("private Task Helper(Order order) { _ = new Batch(_sqs) { order }; return Task.CompletedTask; }", Batch)]
        [InlineData("private Task Helper(Order order) { new Store(_ddb)[order.Id] = order; return Task.CompletedTask; }", Store)]
        [InlineData("private Task Helper(Order order) => new Store(_ddb).Saved;", Store)]
        [InlineData("private Task Helper(Order order) => ((IPersists)new Store(_ddb)).Persist(order);", Store)]
        [InlineData("private Task Helper(Order order) { _ = new Audited(_ddb); return Task.CompletedTask; }", Audited)]
        [InlineData("private Task Helper(Order order) { _ = from o in new Source(_sqs) select o; return Task.CompletedTask; }", Source)]
        [InlineData("private Task Helper(Order order) => Task.Run(Notify);\nprivate Task Notify() => _sqs.SendMessageAsync(\"q\", \"id\");", "")]
        [InlineData("private readonly List<Order> _pending = new();\nprivate Task Helper(Order order) => _pending.Flush(_sqs);", Extensions)]
        [InlineData("private readonly System.IO.Stream _audit = new AuditStream(null!);\nprivate Task Helper(Order order) { _audit.Flush(); return Task.CompletedTask; }", AuditStream)]
        [InlineData("private readonly List<Order> _pending = new();\nprivate Task Helper(Order order) { var _pending = new Batch(_sqs); _pending.Add(order); return Task.CompletedTask; }", Batch)]
        public void HiddenEffects_AreNotScreenedOut(string members, string types)
        {
            var compilation = Compile(Service(Root + members) + types);

            var (screened, plain, helper) = Engines(compilation);

            Assert.False(plain.GetSummary(helper, CancellationToken.None).IsEmpty, "the shape has no effect to hide");
            Assert.True(screened.Screen.MayHaveSites(helper, CancellationToken.None));
            Assert.True(screened.Screen.MayReachEffect("Helper", CancellationToken.None), "a call by the helper's name is skipped");
            AssertSameSummaries(compilation, screened, plain);
        }

        // Helpers of the shapes service code is full of: each has no effect, and the screen proves it without binding.
        [Theory]
        [InlineData("private static Task<Dictionary<string, AttributeValue>> Helper(Order order) => Task.FromResult(Key(order.Id));\nprivate static Dictionary<string, AttributeValue> Key(string id) => new() { [\"pk\"] = new AttributeValue { S = \"o#\" + id } };")]
        [InlineData("private static Task<Order> Helper(Order order) => Task.FromResult(Copy(order));\nprivate static Order Copy(Order order) => order.Id.Length > 0 ? new() { Id = order.Id, Status = order.Status } : throw new ArgumentException(\"id\");")]
        [InlineData("private readonly List<string> _seen = new();\nprivate Task Helper(Order order) { Add(order.Id); return Task.CompletedTask; }\nprivate void Add(string id) => _seen.Add(id);")]
        [InlineData("private Task Helper(Order order) => Task.FromResult(string.Join(\",\", new[] { order.Id, order.Status }.Select(s => s.Trim())));")]
        public void EffectFreeHelpers_AreProvenFree(string members)
        {
            var compilation = Compile(Service(Root + members));

            var (screened, plain, helper) = Engines(compilation);

            Assert.True(plain.GetSummary(helper, CancellationToken.None).IsEmpty, "the helper has an effect");
            Assert.False(screened.Screen.MayHaveSites(helper, CancellationToken.None));
            Assert.False(screened.Screen.MayReachEffect("Helper", CancellationToken.None), "a call by the helper's name is classified");
            Assert.True(plain.Screen.MayReachEffect("Helper", CancellationToken.None), "without the screen, every call is classified");
            AssertSameSummaries(compilation, screened, plain);
        }

        // A class's Add that adds to its own list (List<T>.Add on a field, which runs no body here) asks the name Add
        // while Add is being worked out. Met again then, the name may reach an effect for that moment, as working its
        // members out again would find, one level deeper each time until the depth bound: each member so named is
        // screened once, so the cost grows with the number of those members, not with its square.
        [Fact]
        public void NameMetAgainWhileWorkedOut_ScreensEachMemberOnce()
        {
            static int Answered(int classes)
            {
                var tallies = string.Concat(Enumerable.Range(0, classes).Select(i => $"public class Tally{i} {{ private readonly List<decimal> _totals = new(); public void Add(decimal total) => _totals.Add(total); }}\n"));
                var screen = FlowEngine.CreateUncached(Compile(Service(Root + "private Task Helper(Order order) => Task.CompletedTask;\n") + tallies), null).Screen;
                Assert.False(screen.MayReachEffect("Add", CancellationToken.None), "a tally's Add is taken for an effect");
                return screen.Answered;
            }

            // One more body for each more class: the name and the names in the bodies are answered once.
            Assert.Equal(Answered(2) + 6, Answered(8));
        }

        // A "may" that rests on the depth bound is not kept: asked from nearer, the same bodies are proven free, and the
        // first name then is too.
        [Fact]
        public void NameBeyondTheDepthBound_IsAnsweredAgain()
        {
            var chain = string.Concat(Enumerable.Range(0, 8).Select(i => $"private static int Step{i}(int n) => Step{i + 1}(n + 1);\n")) + "private static int Step8(int n) => n;\n";
            var compilation = Compile(Service(Root + "private Task Helper(Order order) => Task.CompletedTask;\n" + chain));
            var screen = FlowEngine.CreateUncached(compilation, null).Screen;

            Assert.True(screen.MayReachEffect("Step0", CancellationToken.None), "the chain does not reach the depth bound");
            Assert.False(screen.MayReachEffect("Step4", CancellationToken.None));
            Assert.False(screen.MayReachEffect("Step0", CancellationToken.None));
        }

        [Fact]
        public void MarkedMethodOfAReferencedAssembly_IsNotScreenedOut()
        {
            var compilation = CompileWithLibrary(
                "namespace Wrappers { public class Notifier { [Consistency.PublishesMessages] public System.Threading.Tasks.Task Announce(string id) => System.Threading.Tasks.Task.CompletedTask; } }",
                "private readonly Wrappers.Notifier _notifier = new();\nprivate Task Helper(Order order) => _notifier.Announce(order.Id);");

            var (screened, plain, helper) = Engines(compilation);

            Assert.False(plain.GetSummary(helper, CancellationToken.None).IsEmpty, "the marked wrapper is not an effect");
            Assert.True(screened.Screen.MayHaveSites(helper, CancellationToken.None));
        }

        [Fact]
        public void WrapperConventionOfAReferencedAssembly_IsNotScreenedOut()
        {
            var compilation = CompileWithLibrary(
                "namespace Wrappers { public class EmailNotifier { public System.Threading.Tasks.Task NotifyAsync(string id) => System.Threading.Tasks.Task.CompletedTask; } }",
                "private readonly Wrappers.EmailNotifier _notifier = new();\nprivate Task Helper(Order order) => _notifier.NotifyAsync(order.Id);");
            var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(
                ImmutableArray<AdditionalText>.Empty,
                new DictionaryAnalyzerConfigOptionsProvider(ImmutableDictionary<string, string>.Empty.Add("consistency.wrapper_conventions", "publish:*Notifier.Notify*")));
            var helper = Method(compilation, "Helper");

            var screened = FlowEngine.CreateUncached(compilation, options);
            var plain = FlowEngine.CreateUncached(compilation, options, screensBodies: false);
            var withoutConvention = FlowEngine.CreateUncached(compilation.Clone(), null); // the catalogue is cached per compilation

            Assert.False(plain.GetSummary(helper, CancellationToken.None).IsEmpty, "the convention does not match the wrapper");
            Assert.True(screened.Screen.MayHaveSites(helper, CancellationToken.None));
            Assert.False(withoutConvention.Screen.MayHaveSites(Method(withoutConvention.Compilation, "Helper"), CancellationToken.None));
        }

        private static CSharpCompilation CompileWithLibrary(string library, string members)
        {
            var wrappers = QualityCompilation.Create("Wrappers", new[] { QualityCompilation.Parse("Wrappers.cs", library) });
            using var image = new MemoryStream();
            Assert.True(wrappers.Emit(image).Success);
            return QualityCompilation.Create("Service", new[] { QualityCompilation.Parse("Service.cs", Service(Root + members)) })
                .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        }

        private const string Batch = """

            public class Batch : System.Collections.IEnumerable
            {
                private readonly IAmazonSQS _sqs;
                public Batch(IAmazonSQS sqs) => _sqs = sqs;
                public void Add(Order order) => _sqs.SendMessageAsync("q", order.Id).Wait();
                public System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();
            }
            """;

        private const string Store = """

            public interface IPersists { Task Persist(Order order); }
            public class Store : IPersists
            {
                private readonly IAmazonDynamoDB _ddb;
                public Store(IAmazonDynamoDB ddb) => _ddb = ddb;
                public Order this[string id] { get => new(); set => _ddb.PutItemAsync(new PutItemRequest()).Wait(); }
                public Task Saved => _ddb.PutItemAsync(new PutItemRequest());
                Task IPersists.Persist(Order order) => _ddb.PutItemAsync(new PutItemRequest());
            }
            """;

        private const string Audited = """

            public class AuditedBase
            {
                public AuditedBase(IAmazonDynamoDB ddb) { ddb.PutItemAsync(new PutItemRequest()).Wait(); }
            }
            public class Audited : AuditedBase
            {
                public Audited(IAmazonDynamoDB ddb) : base(ddb) { }
            }
            """;

        private const string Source = """

            public class Source
            {
                public Source(IAmazonSQS sqs) => Sqs = sqs;
                public IAmazonSQS Sqs { get; }
            }
            public static class SourceQueries
            {
                public static Source Select(this Source source, Func<Source, Source> selector) { source.Sqs.SendMessageAsync("q", "selected").Wait(); return source; }
            }
            """;

        private const string Extensions = """

            public static class PendingExtensions
            {
                public static Task Flush(this List<Order> pending, IAmazonSQS sqs) => sqs.SendMessageAsync("q", pending.Count.ToString());
            }
            """;

        private const string AuditStream = """

            public class AuditStream : System.IO.MemoryStream
            {
                private readonly IAmazonSQS _sqs;
                public AuditStream(IAmazonSQS sqs) => _sqs = sqs;
                public override void Flush() => _sqs.SendMessageAsync("q", "flushed").Wait();
            }
            """;

        private static CSharpCompilation Compile(string source)
        {
            var compilation = QualityCompilation.Create("Screen", new[] { QualityCompilation.Parse("Screen.cs", source) });
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
            return compilation;
        }

        private static (FlowEngine Screened, FlowEngine Plain, IMethodSymbol Helper) Engines(CSharpCompilation compilation)
            => (FlowEngine.CreateUncached(compilation, null), FlowEngine.CreateUncached(compilation, null, screensBodies: false), Method(compilation, "Helper"));

        private static IMethodSymbol Method(Compilation compilation, string name)
            => compilation.GetSymbolsWithName(name, SymbolFilter.Member).OfType<IMethodSymbol>().Single();

        private static void AssertSameSummaries(CSharpCompilation compilation, FlowEngine screened, FlowEngine plain)
            => SummaryComparison.AssertSameForEveryMethod(compilation, screened, plain, "screened", "bound", minimumEffects: 1);

        /// <summary>Compares every method's summary with and without the screen; returns how many had effects, and how many bodies the screen proved free.</summary>
        private static (int WithEffects, int Proven) CompareAll(CSharpCompilation compilation)
        {
            var screened = FlowEngine.CreateUncached(compilation, null);
            var plain = FlowEngine.CreateUncached(compilation, null, screensBodies: false);

            int withEffects = SummaryComparison.AssertSameForEveryMethod(compilation, screened, plain, "screened", "bound", minimumEffects: 1);

            Assert.Equal(0, plain.Screen.Proven);
            return (withEffects, screened.Screen.Proven);
        }
    }
}
