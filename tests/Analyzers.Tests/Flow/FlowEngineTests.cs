using System.Linq;
using Consistency.Analyzers.Flow;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// Which members the flow engine follows into: a property read runs its accessor's body only when the accessor has
    /// one of its own. Auto-property accessors and the members a type declaration declares (a positional record's
    /// properties) have none, and are told so without a summary, a screen query or a lookup at each read.
    /// </summary>
    public class FlowEngineTests
    {
        private const string Source = """
            public class Order
            {
                private string _name = "";
                public string Id { get; set; } = "";
                public int Size => Id.Length;
                public string Name { get => _name; set => _name = value; }
                public string Code { get { return Id; } }
            }

            public record Line(string Sku);
            """;

        [Theory]
        [InlineData("Order", "Id")]
        [InlineData("Line", "Sku")]
        public void AccessorsWithoutABodyOfTheirOwn_AreNotFollowed(string type, string property)
        {
            var (engine, symbol) = Property(type, property);

            Assert.False(engine.HasBody(symbol.GetMethod!));
            Assert.False(engine.HasBody(symbol.SetMethod!));
        }

        [Theory]
        [InlineData("Size")]
        [InlineData("Name")]
        [InlineData("Code")]
        public void AccessorsWithABody_AreFollowed(string property)
        {
            var (engine, symbol) = Property("Order", property);

            Assert.True(engine.HasBody(symbol.GetMethod!));
            if (symbol.SetMethod is { } setter)
            {
                Assert.True(engine.HasBody(setter));
            }
        }

        private static (FlowEngine Engine, IPropertySymbol Property) Property(string type, string property)
        {
            var compilation = QualityCompilation.Create("Engine", new[] { QualityCompilation.Parse("Engine.cs", Source) });
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var symbol = compilation.GetTypeByMetadataName(type)!.GetMembers(property).OfType<IPropertySymbol>().Single();
            return (FlowEngine.CreateUncached(compilation, null), symbol);
        }
    }
}
