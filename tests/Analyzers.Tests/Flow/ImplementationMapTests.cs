using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Consistency.Analyzers.Flow;
using Consistency.Quality;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// The implementation map is built from the declarations' syntax (names, base lists, member names) and resolves
    /// symbols only for what is asked. Each case below is a way a type can implement an interface, override a method or
    /// declare a member that a reading by names must not miss, compared with what the compiler's symbols say.
    /// </summary>
    public class ImplementationMapTests
    {
        private const string Types = """
            using System;
            using System.Threading.Tasks;
            using Repo = Shop.IRepository;

            namespace Shop
            {
                // Declared before the interface it reaches IRepository through.
                public class EarlyRepository : ILateRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public interface IRepository { Task SaveAsync(string id); }
                public interface ILateRepository : IRepository { }
                public interface IAuditedRepository : IRepository { }
                public interface IHandler<T> { Task HandleAsync(T message); }

                public class SqlRepository : IRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public class CachedRepository : SqlRepository { }
                public class AuditedRepository : IAuditedRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public class AliasedRepository : Repo { public Task SaveAsync(string id) => Task.CompletedTask; }
                public class ExplicitRepository : IRepository { Task IRepository.SaveAsync(string id) => Task.CompletedTask; }
                public partial class SplitRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public partial class SplitRepository : IRepository { }
                public struct ValueRepository : IRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public record RecordRepository(string Name) : IRepository { public Task SaveAsync(string id) => Task.CompletedTask; }
                public abstract class AbstractRepository : IRepository { public abstract Task SaveAsync(string id); }
                public class ConcreteRepository : AbstractRepository { public override Task SaveAsync(string id) => Task.CompletedTask; }
                public class VirtualRepository : IRepository { public virtual Task SaveAsync(string id) => Task.CompletedTask; }
                public class DerivedVirtualRepository : VirtualRepository { public override Task SaveAsync(string id) => Task.CompletedTask; }
                public class Unrelated { public Task SaveAsync(string id) => Task.CompletedTask; }

                public class OrderHandler : IHandler<string> { public Task HandleAsync(string message) => Task.CompletedTask; }
                public class Disposer : IDisposable { public void Dispose() { } }
                public class Cursor : System.Collections.Generic.IAsyncEnumerator<int> { public int Current => 0; public ValueTask<bool> MoveNextAsync() => default; public ValueTask DisposeAsync() => default; }
                public class Outer { public class NestedRepository : IRepository { public Task SaveAsync(string id) => Task.CompletedTask; } }

                public class Base { public virtual int Size => 1; public virtual void Run() { } public virtual event EventHandler? Changed { add { } remove { } } }
                public class Derived : Base { public override int Size => 2; public override void Run() { } public override event EventHandler? Changed { add { } remove { } } }
                public class Indexed { public int this[int i] => i; int Count() => 0; }
                public interface IIndexed { int this[int i] { get; } }
                public class ExplicitIndexed : IIndexed { int IIndexed.this[int i] => i; }
                public partial class Parts { partial void Step(); partial void Step() { } }
                public partial class Overloads { public void Put(int value) { } }
                public partial class Overloads { public void Put(string value) { } }
            }
            """;

        [Fact]
        public void InterfaceImplementations_AreTheOnesTheCompilerSees()
        {
            var (compilation, map) = Build();
            var save = Method(compilation, "Shop.IRepository", "SaveAsync");

            var found = Names(map.Get(save));

            Assert.Equal(Expected(compilation, save), found);
            Assert.Contains("SqlRepository", found);
            Assert.Contains("AuditedRepository", found);
            Assert.Contains("EarlyRepository", found);
            Assert.Contains("AliasedRepository", found);
            Assert.Contains("ExplicitRepository", found);
            Assert.Contains("SplitRepository", found);
            Assert.Contains("ValueRepository", found);
            Assert.Contains("RecordRepository", found);
            Assert.Contains("NestedRepository", found);
            Assert.Contains("ConcreteRepository", found);
            Assert.Contains("VirtualRepository", found);
            Assert.Contains("DerivedVirtualRepository", found);
            Assert.DoesNotContain("Unrelated", found);
            Assert.Equal(found.Distinct().Count(), found.Count);
        }

        [Fact]
        public void ImplementationsOfAGenericInterfaceAndOfAReferencedOne_AreFound()
        {
            var (compilation, map) = Build();

            var handle = Method(compilation, "Shop.IHandler`1", "HandleAsync");
            Assert.Equal(new[] { "OrderHandler" }, Names(map.Get(handle)));

            Assert.Equal(new[] { "Disposer" }, Names(map.Get((IMethodSymbol)compilation.GetSpecialType(SpecialType.System_IDisposable).GetMembers("Dispose").Single())));

            // IAsyncDisposable is a reference's, and reached through another interface of a reference, which no base
            // list of the compilation names: IAsyncEnumerator<T> extends it.
            var disposeAsync = Method(compilation, "System.IAsyncDisposable", "DisposeAsync");
            var found = Names(map.Get(disposeAsync));
            Assert.Equal(Expected(compilation, disposeAsync), found);
            Assert.Equal(new[] { "Cursor" }, found);
        }

        [Fact]
        public void Overrides_OfMethodsPropertiesAndEvents_AreFound()
        {
            var (compilation, map) = Build();
            var type = compilation.GetTypeByMetadataName("Shop.Base")!;

            Assert.Equal(new[] { "Derived" }, Names(map.Get((IMethodSymbol)type.GetMembers("Run").Single())));
            Assert.Equal(new[] { "Derived" }, Names(map.Get(((IPropertySymbol)type.GetMembers("Size").Single()).GetMethod!)));
            Assert.Equal(new[] { "Derived" }, Names(map.Get(((IEventSymbol)type.GetMembers("Changed").Single()).AddMethod!)));
            Assert.Equal(new[] { "ConcreteRepository" }, Names(map.Get(Method(compilation, "Shop.AbstractRepository", "SaveAsync"))));
        }

        [Fact]
        public void MembersOfAName_AreTheOrdinaryMethodsAndPropertiesDeclaredSo()
        {
            var (_, map) = Build();

            var saves = map.MembersNamed("SaveAsync");
            Assert.All(saves, s => Assert.Equal("SaveAsync", s.Name));
            Assert.Contains(saves, s => s.ContainingType.Name == "Unrelated");
            Assert.Contains(saves, s => s.ContainingType.Name == "IRepository");
            Assert.DoesNotContain(saves, s => s.ContainingType.Name == "ExplicitRepository");
            Assert.Single(saves, s => s.ContainingType.Name == "SplitRepository");

            Assert.Single(map.MembersNamed("this[]"), s => s.ContainingType.Name == "Indexed");
            Assert.Single(map.MembersNamed("Step"));
            Assert.True(((IMethodSymbol)map.MembersNamed("Step")[0]).IsPartialDefinition);
            Assert.Contains(map.MembersNamed("Size"), s => s is IPropertySymbol);
            Assert.Equal(2, map.MembersNamed("Put").Count);
            Assert.Empty(map.MembersNamed("Changed"));
            Assert.Empty(map.MembersNamed("Missing"));
        }

        [Fact]
        public void ExplicitImplementations_AreFoundByTheNameOfWhatTheyImplement()
        {
            var (_, map) = Build();

            Assert.Single(map.ExplicitImplementationsNamed("SaveAsync"), m => m.ContainingType.Name == "ExplicitRepository");
            Assert.Single(map.ExplicitImplementationsNamed("this[]"), m => m.MethodKind == MethodKind.PropertyGet);
            Assert.Empty(map.ExplicitImplementationsNamed("Dispose"));
        }

        [Fact]
        public void TypesOfAName_IncludeNestedAndPartialTypesOnce()
        {
            var (_, map) = Build();

            Assert.Single(map.TypesNamed("NestedRepository"));
            Assert.Single(map.TypesNamed("SplitRepository"));
            Assert.Empty(map.TypesNamed("Repo"));
        }

        private static (Compilation Compilation, ImplementationMap Map) Build()
        {
            var compilation = QualityCompilation.Create("Map", new[] { QualityCompilation.Parse("Types.cs", Types) });
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return (compilation, ImplementationMap.Build(compilation, CancellationToken.None));
        }

        private static IMethodSymbol Method(Compilation compilation, string type, string name)
            => (IMethodSymbol)compilation.GetTypeByMetadataName(type)!.GetMembers(name).Single();

        private static List<string> Names(IEnumerable<IMethodSymbol> methods)
            => methods.Select(m => m.ContainingType.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToList();

        /// <summary>
        /// What the compiler's symbols say: every source class or struct whose instances run a body of their own for the
        /// member (the implementation the interface maps to, or an override of it that the type declares).
        /// </summary>
        private static List<string> Expected(Compilation compilation, IMethodSymbol member)
        {
            var found = new List<string>();
            var types = new Stack<INamespaceOrTypeSymbol>();
            types.Push(compilation.Assembly.GlobalNamespace);
            while (types.Count > 0)
            {
                foreach (var child in types.Pop().GetMembers().OfType<INamespaceOrTypeSymbol>())
                {
                    types.Push(child);
                    if (child is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type
                        && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                        && RunsOwnBody(type, implementation))
                    {
                        found.Add(type.Name);
                    }
                }
            }

            return found.OrderBy(n => n, System.StringComparer.Ordinal).ToList();
        }

        private static bool RunsOwnBody(INamedTypeSymbol type, IMethodSymbol implementation)
        {
            if (SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
            {
                return !implementation.IsAbstract && !implementation.DeclaringSyntaxReferences.IsEmpty;
            }

            foreach (var declared in type.GetMembers(implementation.Name).OfType<IMethodSymbol>())
            {
                for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, implementation.OriginalDefinition))
                    {
                        return !declared.IsAbstract;
                    }
                }
            }

            return false;
        }
    }
}
