using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// <see cref="WellKnownPublishContracts"/> resolved for one compilation: only rows whose types exist, with their type
    /// symbol. Created once per compilation and shared.
    /// <para>
    /// Asked about the type of every call and object creation: the few rows are compared in turn, which costs less than
    /// hashing a type symbol (a metadata type hashes its name each time), and by name first, which costs less than
    /// comparing symbols (almost every type asked about is none of them).
    /// </para>
    /// </summary>
    internal sealed class PublishContractCatalogue
    {
        private static readonly ConditionalWeakTable<Compilation, PublishContractCatalogue> Cache = new();

        private readonly (ITypeSymbol Type, PartialFailureContract Contract)[] partialFailures;
        private readonly (ITypeSymbol Type, OrderingKeyContract Contract)[] orderingKeys;

        private PublishContractCatalogue((ITypeSymbol Type, PartialFailureContract Contract)[] partialFailures, (ITypeSymbol Type, OrderingKeyContract Contract)[] orderingKeys)
        {
            this.partialFailures = partialFailures;
            this.orderingKeys = orderingKeys;
        }

        public bool HasPartialFailures => partialFailures.Length > 0;

        public bool HasOrderingKeys => orderingKeys.Length > 0;

        public static PublishContractCatalogue GetOrCreate(Compilation compilation) => Cache.GetValue(compilation, Create);

        public bool TryGetPartialFailure(ITypeSymbol? responseType, out PartialFailureContract contract)
        {
            return TryFind(partialFailures, responseType, out contract);
        }

        public bool TryGetOrderingKey(ITypeSymbol? requestType, out OrderingKeyContract contract)
        {
            return TryFind(orderingKeys, requestType, out contract);
        }

        private static bool TryFind<TContract>((ITypeSymbol Type, TContract Contract)[] rows, ITypeSymbol? type, out TContract contract)
            where TContract : class
        {
            if (type is not null && rows.Length > 0)
            {
                // A constructed type has its definition's name.
                string name = type.Name;
                foreach (var row in rows)
                {
                    if (row.Type.Name == name && SymbolEqualityComparer.Default.Equals(row.Type, type.OriginalDefinition))
                    {
                        contract = row.Contract;
                        return true;
                    }
                }
            }

            contract = null!;
            return false;
        }

        private static PublishContractCatalogue Create(Compilation compilation)
        {
            var failures = new List<(ITypeSymbol, PartialFailureContract)>();
            foreach (var contract in WellKnownPublishContracts.PartialFailures)
            {
                if (compilation.GetBestTypeByMetadataName(contract.ResponseTypeMetadataName) is { } type)
                {
                    failures.Add((type, contract));
                }
            }

            var keys = new List<(ITypeSymbol, OrderingKeyContract)>();
            foreach (var contract in WellKnownPublishContracts.OrderingKeys)
            {
                if (compilation.GetBestTypeByMetadataName(contract.RequestTypeMetadataName) is { } type)
                {
                    keys.Add((type, contract));
                }
            }

            return new PublishContractCatalogue(failures.ToArray(), keys.ToArray());
        }
    }
}
