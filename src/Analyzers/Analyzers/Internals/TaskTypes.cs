using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    /// <summary>
    /// The task types of a compilation (<c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>, <c>ValueTask&lt;T&gt;</c>),
    /// resolved once per compilation and shared by the rules that ask about the type of every call. Both questions
    /// compare the name first: almost no type asked about is a task, and a name costs less than a symbol comparison.
    /// </summary>
    internal sealed class TaskTypes
    {
        private static readonly ConditionalWeakTable<Compilation, TaskTypes> Cache = new();

        private TaskTypes(Compilation compilation)
        {
            Task = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public static TaskTypes GetOrCreate(Compilation compilation) => Cache.GetValue(compilation, c => new TaskTypes(c));

        /// <summary>Whether the type is one of the four task types (constructed or not).</summary>
        public bool IsTaskLike(ITypeSymbol? type)
        {
            if (!HasTaskName(type) || type is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(definition, Task)
                || SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
                || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
                || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
        }

        /// <summary>The result type of a call: <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, or the type itself.</summary>
        public ITypeSymbol? ResultOf(ITypeSymbol? type)
        {
            // Reading the type arguments builds an array each time: only for the two generic task types.
            if (HasTaskName(type) && type is INamedTypeSymbol { IsGenericType: true } named
                && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaskOfT) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT)))
            {
                return named.TypeArguments[0];
            }

            return type;
        }

        private static bool HasTaskName(ITypeSymbol? type) => type?.Name is "Task" or "ValueTask";
    }
}
