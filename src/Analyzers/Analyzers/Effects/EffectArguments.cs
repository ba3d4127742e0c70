using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// Reads the arguments of a catalogued call for its condition: the SQL text, the HTTP verb, the Lambda invocation
    /// type. Follows a local to its initializer and to assignments of the request's properties in the same body; when
    /// the value cannot be known the caller keeps the catalogued kind.
    /// </summary>
    internal static class EffectArguments
    {
        private static readonly string[] SqlParameterNames = { "sql", "commandText", "statement", "command" };

        // The assignments of locals' properties in one body, by local: every request built in a local reads them, and a
        // body that sends several requests would otherwise be walked once per request and per member asked about.
        private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>>> AssignmentsByRoot = new();
        private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>>>.CreateValueCallback IndexAssignments = CollectAssignments;

        public static string? FindSqlText(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Value is null)
                {
                    continue;
                }

                var value = Unwrap(argument.Value);
                bool isSqlParameter = argument.Parameter is { } parameter && Array.IndexOf(SqlParameterNames, parameter.Name) >= 0;
                if (FindCreation(value) is { } creation)
                {
                    // DynamoDB's ExecuteStatementRequest { Statement = ... } and Dapper's CommandDefinition(commandText, ...).
                    if (InitializedValue(creation, "Statement") is { } statement)
                    {
                        return TextOf(statement);
                    }

                    if (isSqlParameter && creation.Arguments.Length > 0 && creation.Arguments[0].Value is { } first)
                    {
                        return TextOf(first);
                    }
                }
                else if (isSqlParameter)
                {
                    return TextOf(value);
                }
            }

            return null;
        }

        /// <summary>True for an HTTP request known to be sent with GET, HEAD, OPTIONS or TRACE (the default verb of a request is GET).</summary>
        public static bool IsSafeHttpRequest(ImmutableArray<IArgumentOperation> arguments, IOperation invocation)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type is not { Name: "HttpRequestMessage" } || argument.Value is null)
                {
                    continue;
                }

                var creation = FindCreation(Unwrap(argument.Value));
                if (creation is null)
                {
                    return false;
                }

                IOperation? method = creation.Arguments.Length > 0 ? creation.Arguments[0].Value : InitializedValue(creation, "Method");
                if (method is null)
                {
                    return true;
                }

                return Unwrap(method) is IPropertyReferenceOperation { Property.Name: "Get" or "Head" or "Options" or "Trace", Property.ContainingType.Name: "HttpMethod" };
            }

            return false;
        }

        /// <summary>True when the request's <c>InvocationType</c> is <c>Event</c>, set in its initializer or assigned in the same body.</summary>
        public static bool IsAsynchronousLambdaInvocation(ImmutableArray<IArgumentOperation> arguments, IOperation invocation)
        {
            foreach (var argument in arguments)
            {
                if (argument.Value is null)
                {
                    continue;
                }

                var value = Unwrap(argument.Value);
                if (FindCreation(value) is { } creation && InitializedValue(creation, "InvocationType") is { } initialized && IsEventInvocationType(initialized))
                {
                    return true;
                }

                if (value is ILocalReferenceOperation local && IsAssignedInBody(invocation, local.Local, "InvocationType", IsEventInvocationType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEventInvocationType(IOperation value)
        {
            value = Unwrap(value);
            return value switch
            {
                IFieldReferenceOperation field => field.Field.Name == "Event",
                ILiteralOperation literal => literal.ConstantValue.HasValue && literal.ConstantValue.Value is string text && text == "Event",
                IInvocationOperation invocation => invocation.Arguments.Length == 1 && invocation.Arguments[0].Value is { } argument && IsEventInvocationType(argument),
                _ => value.ConstantValue.HasValue && value.ConstantValue.Value is string constant && constant == "Event",
            };
        }

        internal static string? TextOf(IOperation value)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            if (value is IInterpolatedStringOperation interpolated && interpolated.Parts.Length > 0 && interpolated.Parts[0] is IInterpolatedStringTextOperation first)
            {
                return first.Text.ConstantValue.Value as string;
            }

            if (value is ILocalReferenceOperation local && LocalInitializer(local) is { } initializer)
            {
                return TextOf(initializer);
            }

            return null;
        }

        internal static IObjectCreationOperation? FindCreation(IOperation value)
        {
            return value switch
            {
                IObjectCreationOperation creation => creation,
                ILocalReferenceOperation local when LocalInitializer(local) is { } initializer => Unwrap(initializer) as IObjectCreationOperation,
                _ => null,
            };
        }

        internal static IOperation? InitializedValue(IObjectCreationOperation creation, string propertyName)
        {
            if (creation.Initializer is null)
            {
                return null;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && property.Property.Name == propertyName)
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        internal static IOperation? LocalInitializer(ILocalReferenceOperation local)
        {
            if (local.SemanticModel is not { } model)
            {
                return null;
            }

            foreach (var reference in local.Local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                if (model.GetOperation(reference.GetSyntax()) is IVariableDeclaratorOperation declarator)
                {
                    return declarator.GetVariableInitializer()?.Value;
                }
            }

            return null;
        }

        private static bool IsAssignedInBody(IOperation from, ILocalSymbol local, string propertyName, Func<IOperation, bool> predicate)
        {
            foreach (var assignment in PropertyAssignments(from, local))
            {
                if (((IPropertyReferenceOperation)assignment.Target).Property.Name == propertyName && predicate(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value first assigned to a property of the local (<c>request.Member = value</c>) in the body of <paramref name="from"/>.</summary>
        internal static IOperation? AssignedValue(IOperation from, ILocalSymbol local, string propertyName)
        {
            foreach (var assignment in PropertyAssignments(from, local))
            {
                if (((IPropertyReferenceOperation)assignment.Target).Property.Name == propertyName)
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The assignments of the local's properties (<c>local.Member = value</c>, lambdas and local functions included)
        /// in the body that contains <paramref name="from"/>, in the order of the body.
        /// </summary>
        internal static IReadOnlyList<ISimpleAssignmentOperation> PropertyAssignments(IOperation from, ILocalSymbol local)
        {
            var root = from.Root();

            return AssignmentsByRoot.GetValue(root, IndexAssignments).TryGetValue(local, out var assignments)
                ? assignments
                : Array.Empty<ISimpleAssignmentOperation>();
        }

        private static Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>> CollectAssignments(IOperation root)
        {
            var collector = new AssignmentCollector(new Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>>(SymbolEqualityComparer.Default));
            OperationWalk.VisitAll(root, collector);
            return collector.ByLocal;
        }

        /// <summary>Collects <c>local.Member = value</c> in pre-order.</summary>
        private readonly struct AssignmentCollector : IOperationSink
        {
            public AssignmentCollector(Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>> byLocal)
            {
                ByLocal = byLocal;
            }

            public Dictionary<ILocalSymbol, List<ISimpleAssignmentOperation>> ByLocal { get; }

            public void Visit(IOperation operation)
            {
                if (operation.Kind == OperationKind.SimpleAssignment
                    && operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } } assignment)
                {
                    if (!ByLocal.TryGetValue(instance.Local, out var assignments))
                    {
                        ByLocal[instance.Local] = assignments = new List<ISimpleAssignmentOperation>();
                    }

                    assignments.Add(assignment);
                }
            }
        }

        internal static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }
    }
}
