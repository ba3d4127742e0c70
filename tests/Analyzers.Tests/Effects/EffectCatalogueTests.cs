using System.Linq;
using Consistency.Analyzers.Effects;
using Consistency.Quality;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Tests.Effects
{
    /// <summary>
    /// A method of the compilation is an effect when it overrides or explicitly implements one: a context of the
    /// application that overrides <c>SaveChangesAsync</c>, an explicit implementation of a marked interface method.
    /// Look-alikes that override or implement nothing are not.
    /// </summary>
    public class EffectCatalogueTests
    {
        private const string Source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            public class ShopDb : DbContext
            {
                public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
            }

            public class AuditedDb : ShopDb
            {
                public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);
            }

            public interface IBus
            {
                [Consistency.PublishesMessages]
                Task Send(string message);
            }

            public class Bus : IBus
            {
                Task IBus.Send(string message) => Task.CompletedTask;
            }

            public class LookAlike
            {
                public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
                public Task Send(string message) => Task.CompletedTask;
            }
            """;

        [Theory]
        [InlineData("ShopDb", "SaveChangesAsync", "DbWrite")]
        [InlineData("AuditedDb", "SaveChangesAsync", "DbWrite")]
        [InlineData("Bus", "IBus.Send", "Publish")]
        public void OverridesAndExplicitImplementations_AreClassifiedAsWhatTheyImplement(string type, string method, string kind)
        {
            var (catalogue, symbol) = Find(type, method);

            Assert.True(catalogue.TryClassifyMethod(symbol, out var classification));
            Assert.Equal(kind, classification.Effect.Kind.ToString());
        }

        [Theory]
        [InlineData("SaveChangesAsync")]
        [InlineData("Send")]
        public void MethodsThatOverrideOrImplementNothing_AreNotEffects(string method)
        {
            var (catalogue, symbol) = Find("LookAlike", method);

            Assert.False(catalogue.TryClassifyMethod(symbol, out _));
        }

        private static (EffectCatalogue Catalogue, IMethodSymbol Method) Find(string type, string method)
        {
            var compilation = QualityCompilation.Create("Catalogue", new[] { QualityCompilation.Parse("Catalogue.cs", Source) });
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var symbol = compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single();
            return (EffectCatalogue.Create(compilation, null), symbol);
        }
    }
}
