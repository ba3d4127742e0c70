using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// Decides whether an effect of a handler's flow does something new each time the same message is delivered again
    /// (RULES.md §2, CH0002), from the effect's kind and family and from what its request says
    /// (<see cref="WriteRequest"/>). Guards that are facts of the request itself (a condition expression, a FIFO
    /// deduplication id from the message, a concurrency token on the added entity) make the effect safe here.
    /// </summary>
    internal sealed class RedeliveryHazards
    {
        private static readonly string[] EntityAdds = { "Add", "AddAsync", "AddRange", "AddRangeAsync" };
        private static readonly string[] IdempotentInsertClauses = { "ON CONFLICT", "NOT EXISTS", "INSERT IGNORE", "ON DUPLICATE KEY", "MERGE" };
        private const string InsertsRow = "inserts a new row again";
        private const string InsertsEntity = "inserts the added entity again";

        private readonly EffectInvocations invocations;
        private readonly DynamoDbWrites writes;
        private readonly DuplicateKeyCatches duplicateKeyCatches;
        private readonly INamedTypeSymbol? dbSet;
        private readonly INamedTypeSymbol? dbContext;
        private readonly INamedTypeSymbol? concurrencyCheck;
        private readonly INamedTypeSymbol? timestamp;

        // By the effect's call: an effect inside a helper is described once, however many handlers reach it.
        private readonly ConcurrentDictionary<SyntaxNode, string?> descriptions = new();

        public RedeliveryHazards(Compilation compilation)
        {
            invocations = EffectInvocations.GetOrCreate(compilation);
            writes = DynamoDbWrites.GetOrCreate(compilation);
            duplicateKeyCatches = new DuplicateKeyCatches(compilation);
            dbSet = compilation.GetBestTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            dbContext = compilation.GetBestTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            concurrencyCheck = compilation.GetBestTypeByMetadataName("System.ComponentModel.DataAnnotations.ConcurrencyCheckAttribute");
            timestamp = compilation.GetBestTypeByMetadataName("System.ComponentModel.DataAnnotations.TimestampAttribute");
        }

        /// <summary>What the effect does again on a redelivery ("publishes again"), or null when a repeat changes nothing.</summary>
        public string? Describe(EffectOccurrence occurrence, CancellationToken cancellationToken)
        {
            var call = occurrence.EffectNode;
            if (descriptions.TryGetValue(call, out var known))
            {
                return known;
            }

            return descriptions.GetOrAdd(call, Compute(occurrence, cancellationToken));
        }

        /// <summary>The description of the effect at one call: it depends on that call and its request alone.</summary>
        private string? Compute(EffectOccurrence occurrence, CancellationToken cancellationToken)
        {
            var effect = occurrence.Effect;
            switch (effect.Kind)
            {
                case EffectKind.Publish:
                    return invocations.Find(occurrence, cancellationToken) is { } send && IsDeduplicatedByMessage(send)
                        ? null
                        : "publishes the message again";

                case EffectKind.ExternalCall:
                    return "calls the external service again";

                case EffectKind.DbWrite:
                    return DescribeWrite(occurrence, effect, cancellationToken);

                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether a call on the path to an insert (<paramref name="description"/> is what <see cref="Describe"/> gave it)
        /// lets the insert's duplicate go: a <c>try</c> around the call, in the handler or in a helper on the way, whose
        /// catch takes the store's failure as done (<see cref="DuplicateKeyCatches.LetsDuplicateGoAround"/>). The insert's
        /// own method is read by <see cref="Describe"/>. False for any other effect.
        /// </summary>
        public bool LetsDuplicateGoAround(SyntaxNode call, string description, CancellationToken cancellationToken)
        {
            bool entityFramework = string.Equals(description, InsertsEntity, StringComparison.Ordinal);
            return (entityFramework || string.Equals(description, InsertsRow, StringComparison.Ordinal))
                && duplicateKeyCatches.LetsDuplicateGoAround(call, entityFramework, cancellationToken);
        }

        private string? DescribeWrite(EffectOccurrence occurrence, Effect effect, CancellationToken cancellationToken)
        {
            if ((effect.Traits & EffectTraits.OutboxCommit) != 0 && effect.Family == "Outbox")
            {
                return "records its events in the outbox again";
            }

            if ((effect.Traits & EffectTraits.ByConvention) != 0 || invocations.Find(occurrence, cancellationToken) is not { } invocation)
            {
                return null; // a wrapper whose request cannot be read: its shape is unknown
            }

            switch (effect.Family)
            {
                case "DynamoDB":
                    var request = writes.ReadRequest(invocation);
                    if (request.HasIdempotentCondition)
                    {
                        return null;
                    }

                    if (request.IsRelativeUpdate)
                    {
                        return "applies its relative update (ADD, x = x + n, list_append) again";
                    }

                    return request.HasGeneratedKey ? "writes a new item under a generated key again" : null;

                case "EF Core" when (effect.Traits & EffectTraits.UnitOfWorkCommit) != 0:
                    return AddsEntityWithoutToken(invocation, cancellationToken) ? InsertsEntity : null;

                case "Dapper":
                case "ADO.NET":
                    var hazard = DescribeSql(SqlStatements.TextOf(invocation));
                    return string.Equals(hazard, InsertsRow, StringComparison.Ordinal) && duplicateKeyCatches.LetsDuplicateGo(invocation, entityFramework: false) && !DuplicateKeyCatches.CommandWritesGeneratedKey(invocation)
                        ? null
                        : hazard;

                case "MongoDB" when invocation.TargetMethod.Name.StartsWith("Insert", StringComparison.Ordinal):
                    return "inserts a new document again";

                default:
                    return null;
            }
        }

        private static string? DescribeSql(string? sql)
        {
            if (sql is null)
            {
                return null;
            }

            string text = sql.TrimStart();
            if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var clause in IdempotentInsertClauses)
                {
                    if (text.IndexOf(clause, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return null;
                    }
                }

                return InsertsRow;
            }

            if (SqlStatements.IsRelativeUpdate(text))
            {
                return "applies its relative update (x = x + n) again";
            }

            return null;
        }

        /// <summary>A FIFO send whose deduplication id is computed from the incoming message (not a constant, not generated).</summary>
        private static bool IsDeduplicatedByMessage(IInvocationOperation send)
        {
            var request = WriteRequest.Read(send);
            if (request.DeduplicationIds.Count == 0)
            {
                return false;
            }

            foreach (var value in request.DeduplicationIds)
            {
                if (value.ConstantValue.HasValue || WriteRequest.IsGenerated(value) || !ReadsData(value))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool ReadsData(IOperation value)
        {
            if (value is IParameterReferenceOperation or ILocalReferenceOperation)
            {
                return true;
            }

            foreach (var operation in value.Descendants())
            {
                if (operation is IParameterReferenceOperation or ILocalReferenceOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// SaveChanges in a method that adds an entity (EF's <c>Add</c>/<c>AddAsync</c>) whose type has no concurrency
        /// token, unless the duplicate of that entity is caught and let go around the save under a key that is not
        /// generated (<see cref="DuplicateKeyCatches"/>).
        /// </summary>
        private bool AddsEntityWithoutToken(IInvocationOperation saveChanges, CancellationToken cancellationToken)
        {
            var root = saveChanges.Root();

            bool? duplicateLetGo = null;
            foreach (var operation in root.Descendants())
            {
                if (operation is not IInvocationOperation { TargetMethod: { } target } add || Array.IndexOf(EntityAdds, target.Name) < 0
                    || !IsEfAdd(target))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var entityType = add.Arguments.Length > 0 && add.Arguments[0].Value is { } argument ? EffectArguments.Unwrap(argument).Type : null;
                if (entityType is not null && HasConcurrencyToken(entityType))
                {
                    continue;
                }

                duplicateLetGo ??= duplicateKeyCatches.LetsDuplicateGo(saveChanges, entityFramework: true);
                if (!duplicateLetGo.Value || DuplicateKeyCatches.AddsUnderGeneratedKey(add))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsEfAdd(IMethodSymbol method)
        {
            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                var definition = type.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(definition, dbSet) || SymbolEqualityComparer.Default.Equals(definition, dbContext))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasConcurrencyToken(ITypeSymbol entityType)
        {
            if (concurrencyCheck is null && timestamp is null)
            {
                return false;
            }

            for (var type = entityType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IPropertySymbol property)
                    {
                        continue;
                    }

                    foreach (var attribute in property.GetAttributes())
                    {
                        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, concurrencyCheck) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, timestamp))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
