using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// <see cref="WellKnownPublishContracts"/> resolved for one compilation: only rows whose types exist, keyed by type
    /// symbol. Created once per compilation and shared.
    /// </summary>
    internal sealed class PublishContractCatalogue
    {
        private static readonly ConditionalWeakTable<Compilation, PublishContractCatalogue> Cache = new();

        private readonly Dictionary<ITypeSymbol, PartialFailureContract> partialFailures;
        private readonly Dictionary<ITypeSymbol, OrderingKeyContract> orderingKeys;

        private PublishContractCatalogue(Dictionary<ITypeSymbol, PartialFailureContract> partialFailures, Dictionary<ITypeSymbol, OrderingKeyContract> orderingKeys)
        {
            this.partialFailures = partialFailures;
            this.orderingKeys = orderingKeys;
        }

        public bool HasPartialFailures => partialFailures.Count > 0;

        public bool HasOrderingKeys => orderingKeys.Count > 0;

        public static PublishContractCatalogue GetOrCreate(Compilation compilation) => Cache.GetValue(compilation, Create);

        public bool TryGetPartialFailure(ITypeSymbol? responseType, out PartialFailureContract contract)
        {
            contract = null!;
            return responseType is not null && partialFailures.Count > 0 && partialFailures.TryGetValue(responseType.OriginalDefinition, out contract!);
        }

        public bool TryGetOrderingKey(ITypeSymbol? requestType, out OrderingKeyContract contract)
        {
            contract = null!;
            return requestType is not null && orderingKeys.Count > 0 && orderingKeys.TryGetValue(requestType.OriginalDefinition, out contract!);
        }

        private static PublishContractCatalogue Create(Compilation compilation)
        {
            var failures = new Dictionary<ITypeSymbol, PartialFailureContract>(SymbolEqualityComparer.Default);
            foreach (var contract in WellKnownPublishContracts.PartialFailures)
            {
                if (compilation.GetBestTypeByMetadataName(contract.ResponseTypeMetadataName) is { } type)
                {
                    failures[type] = contract;
                }
            }

            var keys = new Dictionary<ITypeSymbol, OrderingKeyContract>(SymbolEqualityComparer.Default);
            foreach (var contract in WellKnownPublishContracts.OrderingKeys)
            {
                if (compilation.GetBestTypeByMetadataName(contract.RequestTypeMetadataName) is { } type)
                {
                    keys[type] = contract;
                }
            }

            return new PublishContractCatalogue(failures, keys);
        }
    }
}
