using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// What a save writes as an update, read from the body that calls it: the properties of an entity that the body
    /// loaded from the store (a local initialised from a read of one entity, as the effect catalogue classifies it:
    /// EF Core's <c>Find</c>, <c>First</c>, <c>Single</c>, with or without <c>OrDefault</c> and <c>Async</c>, over a
    /// <c>DbSet</c> or another query; DynamoDB's object persistence <c>Load</c>/<c>LoadAsync</c>) and then set, saved by
    /// EF Core's <c>SaveChanges</c> or passed to the DynamoDB context's <c>Save</c>/<c>SaveAsync</c>. Such an update is
    /// ordered when the body compares a version, a sequence or a timestamp (<c>if (order.Version &gt;= message.Version)
    /// return;</c>); a concurrency token or a <c>[DynamoDBVersion]</c> property is no order check, since an older
    /// message loads the newer row and overwrites it without a conflict.
    /// </summary>
    internal static class EntityUpdates
    {
        /// <summary>Whether the body that calls <paramref name="saveChanges"/> sets a loaded entity's properties and compares no version.</summary>
        public static bool SavesUnorderedChanges(IInvocationOperation saveChanges, EffectCatalogue catalogue)
            => ChangesLoadedWithoutOrder(saveChanges, saved: null, catalogue);

        /// <summary>Whether a DynamoDB context's <c>Save</c> saves an item the body loaded (an update, not a create).</summary>
        public static bool SavesLoadedItem(IInvocationOperation save, EffectCatalogue catalogue)
            => SavedLocal(save) is { } saved && IsLoadedFromStore(saved, catalogue);

        /// <summary>Whether a DynamoDB context's <c>Save</c> saves an item the body loaded and changed, comparing no version.</summary>
        public static bool SavesUnorderedItem(IInvocationOperation save, EffectCatalogue catalogue)
            => SavedLocal(save) is { } saved && IsLoadedFromStore(saved, catalogue) && ChangesLoadedWithoutOrder(save, saved.Local, catalogue);

        /// <summary>The local passed as the saved object (the context's <c>T value</c> or <c>object value</c>).</summary>
        private static ILocalReferenceOperation? SavedLocal(IInvocationOperation save)
        {
            foreach (var argument in save.Arguments)
            {
                if (argument.Parameter is { } parameter && argument.Value is { } value && DynamoDbWrites.IsSavedObject(parameter))
                {
                    return EffectArguments.Unwrap(value) as ILocalReferenceOperation;
                }
            }

            return null;
        }

        /// <summary>Whether the body sets the properties of a loaded entity (of <paramref name="saved"/> when given) and compares no version.</summary>
        private static bool ChangesLoadedWithoutOrder(IInvocationOperation save, ILocalSymbol? saved, EffectCatalogue catalogue)
        {
            var root = save.Root();

            bool changesLoadedEntity = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation.Kind)
                {
                    case OperationKind.SimpleAssignment when !changesLoadedEntity
                        && ((ISimpleAssignmentOperation)operation).Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation local }
                        && (saved is null || SymbolEqualityComparer.Default.Equals(local.Local, saved))
                        && IsLoadedFromStore(local, catalogue):
                        changesLoadedEntity = true;
                        break;

                    case OperationKind.Binary when IsVersionComparison((IBinaryOperation)operation):
                        return false;
                }
            }

            return changesLoadedEntity;
        }

        /// <summary>A local initialised from a read of one entity from the store (<c>await</c> included).</summary>
        private static bool IsLoadedFromStore(ILocalReferenceOperation local, EffectCatalogue catalogue)
        {
            if (EffectArguments.LocalInitializer(local) is not { } initializer)
            {
                return false;
            }

            var value = EffectArguments.Unwrap(initializer);
            if (value is IAwaitOperation awaited)
            {
                value = EffectArguments.Unwrap(awaited.Operation);
            }

            // .ConfigureAwait(false) on the read's task.
            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task })
            {
                value = EffectArguments.Unwrap(task);
            }

            return value is IInvocationOperation load && catalogue.TryClassify(load, out var read) && read.IsSingleRead;
        }

        /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> with a version-like member on either side.</summary>
        private static bool IsVersionComparison(IBinaryOperation binary)
            => binary.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                && (IsVersionMember(binary.LeftOperand) || IsVersionMember(binary.RightOperand));

        private static bool IsVersionMember(IOperation operand)
            => EffectArguments.Unwrap(operand) switch
            {
                IPropertyReferenceOperation property => DynamoDbWrites.IsVersionLike(property.Property.Name),
                IFieldReferenceOperation field => DynamoDbWrites.IsVersionLike(field.Field.Name),
                _ => false,
            };
    }
}
