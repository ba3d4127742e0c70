using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// What a write or send request says about its own safety under a repeated call, read from the arguments of the
    /// call (object initializers, a local's initializer, assignments of the local's properties in the same body, nested
    /// entries and dictionaries): the update and condition expressions, generated values in key members, the FIFO
    /// deduplication id. Values that cannot be read are reported as unknown (null / false), never guessed.
    /// </summary>
    internal sealed class WriteRequest
    {
        private static readonly Regex RelativeUpdate = new(@"\bADD\s|list_append\s*\(|[+\-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex OrderComparison = new(@"<|>", RegexOptions.CultureInvariant);
        private static readonly Regex VersionEquality = new(@"version|#v\b|seq", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private WriteRequest()
        {
        }

        /// <summary>The <c>UpdateExpression</c> text (constant, or the constant start of an interpolation).</summary>
        public string? UpdateExpression { get; private set; }

        /// <summary>The <c>ConditionExpression</c> text.</summary>
        public string? ConditionExpression { get; private set; }

        /// <summary>A key member (<c>Id</c>, <c>*Id</c>, <c>PK</c>, <c>SK</c>, <c>*Key</c>) set from <c>Guid.NewGuid()</c> or the clock.</summary>
        public bool HasGeneratedKey { get; private set; }

        /// <summary>The values assigned to <c>MessageDeduplicationId</c> (FIFO queues and topics).</summary>
        public List<IOperation> DeduplicationIds { get; } = new();

        /// <summary>
        /// A relative update: <c>ADD</c>, <c>x = x + :n</c>, <c>if_not_exists(x, :zero) + :n</c>, <c>list_append</c>.
        /// Applied twice, it counts or appends twice.
        /// </summary>
        public bool IsRelativeUpdate => UpdateExpression is { } text && RelativeUpdate.IsMatch(text);

        /// <summary>A condition that rejects a repeated write: <c>attribute_not_exists</c> or a version/order comparison.</summary>
        public bool HasIdempotentCondition => ConditionExpression is { } text
            && (text.IndexOf("attribute_not_exists", StringComparison.OrdinalIgnoreCase) >= 0
                || OrderComparison.IsMatch(text)
                || (text.IndexOf('=') >= 0 && VersionEquality.IsMatch(text)));

        /// <summary>Reads the request of a call: every argument (and the receiver's initializer for a command object).</summary>
        public static WriteRequest Read(IInvocationOperation invocation)
        {
            var request = new WriteRequest();
            var visited = new HashSet<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is { } value)
                {
                    request.Visit(EffectArguments.Unwrap(value), invocation, visited, depth: 0);
                }
            }

            return request;
        }

        /// <summary>True when the value is, or is computed from, <c>Guid.NewGuid()</c> or the current time (following locals).</summary>
        public static bool IsGenerated(IOperation value) => IsGenerated(value, generatedParameters: null, depth: 0);

        /// <summary>The same inside a body that was handed generated values: a read of one of <paramref name="generatedParameters"/> is generated too.</summary>
        internal static bool IsGenerated(IOperation value, HashSet<IParameterSymbol>? generatedParameters) => IsGenerated(value, generatedParameters, depth: 0);

        private static bool IsGenerated(IOperation value, HashSet<IParameterSymbol>? generatedParameters, int depth)
        {
            // A switch on the kind before any interface type test: requests are read operation by operation.
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation.Kind)
                {
                    case OperationKind.Invocation
                        when ((IInvocationOperation)operation).TargetMethod is { Name: "NewGuid" or "CreateVersion7", ContainingType.Name: "Guid" }
                            or { Name: "GetUtcNow" or "GetLocalNow", ContainingType.Name: "TimeProvider" }:
                        return true;
                    case OperationKind.PropertyReference
                        when ((IPropertyReferenceOperation)operation).Property is { Name: "Now" or "UtcNow", ContainingType.Name: "DateTime" or "DateTimeOffset" }:
                        return true;
                    case OperationKind.ParameterReference
                        when generatedParameters is not null && generatedParameters.Contains(((IParameterReferenceOperation)operation).Parameter.OriginalDefinition):
                        return true;
                    case OperationKind.LocalReference
                        when depth < 3 && EffectArguments.LocalInitializer((ILocalReferenceOperation)operation) is { } initializer:
                        if (IsGenerated(initializer, generatedParameters, depth + 1))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private void Visit(IOperation value, IOperation from, HashSet<IOperation> visited, int depth)
        {
            if (depth > 4 || !visited.Add(value))
            {
                return;
            }

            if (value is ILocalReferenceOperation local)
            {
                if (EffectArguments.LocalInitializer(local) is { } initializer)
                {
                    Visit(EffectArguments.Unwrap(initializer), from, visited, depth + 1);
                }

                foreach (var assignment in EffectArguments.PropertyAssignments(from, local.Local))
                {
                    Record(assignment, from, visited, depth);
                }

                return;
            }

            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation.Kind)
                {
                    case OperationKind.SimpleAssignment:
                        Record((ISimpleAssignmentOperation)operation, from, visited, depth);
                        break;

                    // Collection initializer entries: { "pk", new AttributeValue(...) }.
                    case OperationKind.Invocation when KeyEntry((IInvocationOperation)operation) is { } entry:
                        if (IsGenerated(entry))
                        {
                            HasGeneratedKey = true;
                        }

                        break;

                    // A key built by a helper, a constructor or a positional record of the project from a generated value.
                    case OperationKind.Invocation or OperationKind.ObjectCreation when !HasGeneratedKey && GeneratedKeyArguments.BuildsGeneratedKey(operation):
                        HasGeneratedKey = true;
                        break;
                }
            }
        }

        private void Record(ISimpleAssignmentOperation assignment, IOperation from, HashSet<IOperation> visited, int depth)
        {
            if (MemberName(assignment.Target) is not { } name)
            {
                return;
            }

            switch (name)
            {
                case "UpdateExpression":
                    UpdateExpression ??= EffectArguments.TextOf(assignment.Value);
                    return;
                case "ConditionExpression":
                    ConditionExpression ??= EffectArguments.TextOf(assignment.Value);
                    return;
                case "MessageDeduplicationId":
                    DeduplicationIds.Add(assignment.Value);
                    return;
            }

            if (IsKeyName(name) && IsGenerated(assignment.Value))
            {
                HasGeneratedKey = true;
            }

            var value = EffectArguments.Unwrap(assignment.Value);
            if (value is ILocalReferenceOperation)
            {
                Visit(value, from, visited, depth + 1);
            }
        }

        /// <summary>
        /// The value an operation writes into a key member (<see cref="IsKeyName"/>): <c>entity.Id = value</c>,
        /// <c>item["pk"] = value</c>, or a dictionary entry <c>{ "pk", value }</c>; null for any other operation.
        /// </summary>
        internal static IOperation? KeyValue(IOperation operation) => operation.Kind switch
        {
            OperationKind.SimpleAssignment when (ISimpleAssignmentOperation)operation is var assignment
                && MemberName(assignment.Target) is { } name && IsKeyName(name) => assignment.Value,
            OperationKind.Invocation => KeyEntry((IInvocationOperation)operation),
            _ => null,
        };

        /// <summary>The value of a dictionary entry under a key name: <c>Add("pk", value)</c>, as a collection initializer writes it.</summary>
        private static IOperation? KeyEntry(IInvocationOperation add)
            => add is { TargetMethod.Name: "Add", Arguments.Length: 2 }
                && add.Arguments[0].Value is { ConstantValue: { HasValue: true, Value: string key } }
                && IsKeyName(key)
                    ? add.Arguments[1].Value
                    : null;

        /// <summary>The member an assignment writes: a property's or a field's name, or the constant key of an indexer (<c>item["pk"]</c>).</summary>
        private static string? MemberName(IOperation target) => target switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Arguments.Length == 1
                && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } => key,
            IPropertyReferenceOperation property => property.Property.Name,
            IFieldReferenceOperation field => field.Field.Name,
            _ => null,
        };

        /// <summary>Names of members that usually hold an item's key.</summary>
        public static bool IsKeyName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "pk", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "sk", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "key", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("ID", StringComparison.Ordinal) || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("Key", StringComparison.Ordinal) || name.EndsWith("PK", StringComparison.Ordinal) || name.EndsWith("SK", StringComparison.Ordinal);
        }
    }
}
