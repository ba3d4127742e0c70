using System.Collections.Generic;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// The locals of a body that hold records read from the database in bulk (a query, a scan, an EF list, a helper
    /// that reads and returns a collection), followed through assignments and <c>foreach</c>. Tells a relay — read
    /// outbox records, publish them, mark or delete the same records — from a dual write.
    /// </summary>
    internal sealed class ReadDerivedValues : IOperationSink
    {
        private readonly HashSet<ISymbol> derived = new(SymbolEqualityComparer.Default);

        // The second pass asks again about every call the first one read.
        private readonly Dictionary<IInvocationOperation, bool> bulkReads = new();
        private readonly FlowEngine engine;
        private readonly System.Threading.CancellationToken cancellationToken;

        private ReadDerivedValues(FlowEngine engine, System.Threading.CancellationToken cancellationToken)
        {
            this.engine = engine;
            this.cancellationToken = cancellationToken;
        }

        public bool IsEmpty => derived.Count == 0;

        public static ReadDerivedValues Compute(IOperation body, FlowEngine engine, System.Threading.CancellationToken cancellationToken)
        {
            var values = new ReadDerivedValues(engine, cancellationToken);

            // Two passes reach values assigned in a loop from values defined later in its body. A first pass that finds
            // no value read in bulk leaves nothing for a second one to follow.
            // OperationWalk, not Descendants(): this walks whole bodies.
            for (int pass = 0; pass < 2 && (pass == 0 || values.derived.Count > 0); pass++)
            {
                OperationWalk.VisitAll(body, values);
            }

            return values;
        }

        /// <summary>Records the locals a definition derives from read values.</summary>
        void IOperationSink.Visit(IOperation operation)
        {
            // A switch on the kind first: most operations are none of these, and an interface type test costs more.
            switch (operation.Kind)
            {
                case OperationKind.VariableDeclarator
                    when operation is IVariableDeclaratorOperation declarator && declarator.GetVariableInitializer()?.Value is { } initializer && IsDerivedValue(initializer):
                    derived.Add(declarator.Symbol);
                    break;

                case OperationKind.SimpleAssignment
                    when operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment && IsDerivedValue(assignment.Value):
                    derived.Add(local.Local);
                    break;

                case OperationKind.Loop when operation is IForEachLoopOperation loop && IsDerivedValue(loop.Collection):
                    foreach (var loopLocal in loop.Locals)
                    {
                        derived.Add(loopLocal);
                    }

                    break;
            }
        }

        /// <summary>Whether the operation uses a read-derived value (anywhere in its tree, except a call's receiver).</summary>
        public bool References(IOperation operation)
        {
            if (derived.Count == 0)
            {
                return false;
            }

            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if ((descendant is ILocalReferenceOperation local && derived.Contains(local.Local))
                    || (descendant is IParameterReferenceOperation parameter && derived.Contains(parameter.Parameter)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsDerivedValue(IOperation value)
        {
            foreach (var descendant in value.DescendantsAndSelf())
            {
                switch (descendant.Kind)
                {
                    case OperationKind.LocalReference when derived.Contains(((ILocalReferenceOperation)descendant).Local):
                        return true;
                    case OperationKind.Invocation when IsBulkRead((IInvocationOperation)descendant):
                        return true;
                }
            }

            return false;
        }

        private bool IsBulkRead(IInvocationOperation invocation)
        {
            if (!bulkReads.TryGetValue(invocation, out bool known))
            {
                bulkReads[invocation] = known = ReadsInBulk(invocation);
            }

            return known;
        }

        private bool ReadsInBulk(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod is not { } target || !engine.MayBeOrReachEffect(target, cancellationToken))
            {
                return false;
            }

            if (engine.Catalogue.TryClassify(invocation, out var effect))
            {
                return effect.IsBulkRead;
            }

            if (!ReturnsCollection(target.ReturnType))
            {
                return false;
            }

            var callees = engine.ResolveCallees(target, invocation.IsVirtual, cancellationToken);
            if (callees.IsEmpty)
            {
                return engine.Catalogue.TryClassifyByConvention(target, out var convention) && convention.Kind == EffectKind.DbRead;
            }

            foreach (var callee in callees)
            {
                var summary = engine.GetSummary(callee, cancellationToken);
                if (summary.Contains(EffectKind.DbRead) && !summary.Contains(EffectKind.DbWrite))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReturnsCollection(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && named.Name is "Task" or "ValueTask" or "IAsyncEnumerable")
            {
                if (named.Name == "IAsyncEnumerable")
                {
                    return true;
                }

                type = named.TypeArguments[0];
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            if (type is IArrayTypeSymbol || type.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }

            // The definition's interfaces: a constructed type's are the same ones substituted (List<Order> is read as
            // List<T>), and the definition keeps them once for every construction of it.
            foreach (var @interface in type.OriginalDefinition.AllInterfaces)
            {
                if (@interface.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        }
    }
}
