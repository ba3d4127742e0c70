using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0007: a publish request whose ordering key (Kinesis <c>PartitionKey</c>, FIFO SQS/SNS <c>MessageGroupId</c>:
    /// see <see cref="WellKnownPublishContracts"/>) is a constant, random, or — on a FIFO destination — missing, while
    /// the id of the entity being published is at hand. Messages about one entity then land on different shards or
    /// groups (random) and are consumed out of order, or all share one hot shard (constant).
    /// <para>
    /// The entity id is looked for in what the request carries (an argument or local used in its initializer, e.g.
    /// <c>Serialize(order)</c> gives <c>order.OrderId</c>/<c>order.Id</c>, or a <c>*Id</c> value used there), then in
    /// the parameters of the enclosing functions. Without one nothing is reported: a constant key can be a deliberate
    /// single-partition design.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OrderingKeyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the entity id expression to use as the key (C# text).</summary>
        public const string EntityIdProperty = "EntityId";

        /// <summary>Diagnostic property: the key property (<c>PartitionKey</c>, <c>MessageGroupId</c>).</summary>
        public const string KeyProperty = "Key";

        /// <summary>Diagnostic property: "Replace" (the location is the key's value) or "Add" (the location is the creation).</summary>
        public const string ModeProperty = "Mode";

        public const string ReplaceMode = "Replace";

        public const string AddMode = "Add";

        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.OrderingKeyLost,
            title: "Ordering key does not follow the entity",
            messageFormat: "'{0}' of {1} is {2} while '{3}' is in scope: {4}; use '{3}'",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Kinesis shards and FIFO message groups keep order only among messages with the same key. A random key scatters the messages of one entity, so consumers see 'OrderShipped' before 'OrderPlaced'; a constant key funnels everything through one shard or group. Key by the entity whose events must stay in order.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.OrderingKeyLost));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            context.RegisterCompilationStartAction(start =>
            {
                var contracts = PublishContractCatalogue.GetOrCreate(start.Compilation);
                if (!contracts.HasOrderingKeys)
                {
                    return;
                }

                var symbols = new Symbols(
                    start.Compilation.GetBestTypeByMetadataName("System.Guid"),
                    start.Compilation.GetBestTypeByMetadataName("System.Random"));
                start.RegisterOperationAction(c => Analyze(c, contracts, symbols), OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, PublishContractCatalogue contracts, Symbols symbols)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!contracts.TryGetOrderingKey(creation.Type, out var contract))
            {
                return;
            }

            var local = AssignedLocal(creation);
            var key = ValueOf(creation, local, contract.KeyProperty);
            if (contract.Scope == OrderingScope.FifoOnly && !IsFifo(creation, local, contract))
            {
                return;
            }

            string description;
            string consequence;
            if (key is null)
            {
                if (contract.Scope == OrderingScope.Always)
                {
                    return; // a Kinesis record without a partition key is rejected by the service, not reordered
                }

                description = "not set";
                consequence = "the FIFO send has no message group to keep the entity's messages in order";
            }
            else if (IsRandom(key, symbols))
            {
                description = "random";
                consequence = contract.Scope == OrderingScope.Always
                    ? "records of one entity land on different shards and are consumed out of order"
                    : "messages of one entity land in different groups and are delivered out of order";
            }
            else if (IsConstant(key))
            {
                description = "a constant";
                consequence = contract.Scope == OrderingScope.Always
                    ? "every record goes to one hot shard, which throttles and cannot scale out per entity"
                    : "every message joins one group, so one slow message blocks all others";
            }
            else
            {
                return;
            }

            if (FindEntityId(creation, contract, context.ContainingSymbol) is not { } entityId)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(EntityIdProperty, entityId)
                .Add(KeyProperty, contract.KeyProperty)
                .Add(ModeProperty, key is null ? AddMode : ReplaceMode);
            var location = key is null ? CreationLocation(creation) : key.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, properties, contract.KeyProperty, contract.Api, description, entityId, consequence));
        }

        private static Location CreationLocation(IObjectCreationOperation creation)
        {
            if (creation.Syntax is ObjectCreationExpressionSyntax explicitCreation)
            {
                return Location.Create(creation.Syntax.SyntaxTree, TextSpan.FromBounds(explicitCreation.NewKeyword.SpanStart, explicitCreation.Type.Span.End));
            }

            return creation.Syntax is ImplicitObjectCreationExpressionSyntax implicitCreation
                ? implicitCreation.NewKeyword.GetLocation()
                : creation.Syntax.GetLocation();
        }

        // Request properties ----------------------------------------------------------------------------------------

        private static ILocalSymbol? AssignedLocal(IObjectCreationOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
        }

        /// <summary>The value given to a property in the initializer, by a constructor parameter of the same name, or assigned later to the local.</summary>
        private static IOperation? ValueOf(IObjectCreationOperation creation, ILocalSymbol? local, string property)
        {
            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
                    {
                        return assignment.Value;
                    }
                }
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && string.Equals(parameter.Name, property, StringComparison.OrdinalIgnoreCase) && argument.Value is { } value)
                {
                    return value;
                }
            }

            return local is null ? null : EffectArguments.AssignedValue(creation, local, property);
        }

        private static bool IsFifo(IObjectCreationOperation creation, ILocalSymbol? local, OrderingKeyContract contract)
        {
            if (contract.FifoOnlyProperty is { } fifoOnly && ValueOf(creation, local, fifoOnly) is { } deduplication && !IsNull(deduplication))
            {
                return true;
            }

            return contract.DestinationProperty is { } destination
                && ValueOf(creation, local, destination) is { } target
                && ConstantText(target) is { } text
                && text.EndsWith(".fifo", StringComparison.OrdinalIgnoreCase);
        }

        private static string? ConstantText(IOperation value)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            // $"{baseUrl}/orders.fifo": the constant tail decides.
            if (value is IInterpolatedStringOperation interpolated && interpolated.Parts.Length > 0
                && interpolated.Parts[interpolated.Parts.Length - 1] is IInterpolatedStringTextOperation last)
            {
                return last.Text.ConstantValue.Value as string;
            }

            return value is IBinaryOperation { RightOperand: { } right } ? ConstantText(right) : null;
        }

        private static bool IsNull(IOperation value) => Unwrap(value).ConstantValue is { HasValue: true, Value: null };

        private static bool IsConstant(IOperation value)
        {
            value = Unwrap(value);
            return (value.ConstantValue.HasValue && value.ConstantValue.Value is not null)
                || value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
        }

        private static bool IsRandom(IOperation value, Symbols symbols)
        {
            value = Unwrap(value);
            switch (value)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (method.Name == "NewGuid" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Guid))
                    {
                        return true;
                    }

                    if (symbols.Random is not null && (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Random) || invocation.Instance?.Type.IsOrDerivesFrom(symbols.Random) == true))
                    {
                        return true;
                    }

                    return method.Name == "ToString" && invocation.Instance is { } instance && IsRandom(instance, symbols);

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation { Expression: { } expression } && IsRandom(expression, symbols))
                        {
                            return true;
                        }
                    }

                    return false;

                case IBinaryOperation binary:
                    return IsRandom(binary.LeftOperand, symbols) || IsRandom(binary.RightOperand, symbols);

                default:
                    return false;
            }
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        // The entity id ---------------------------------------------------------------------------------------------

        /// <summary>The C# expression of the published entity's id, or null when none is in scope.</summary>
        private static string? FindEntityId(IObjectCreationOperation creation, OrderingKeyContract contract, ISymbol containingSymbol)
        {
            // 1. What the request carries: locals and parameters used in its arguments and initializer (not in the key).
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in creation.Descendants())
            {
                if (IsInsideKey(operation, creation, contract.KeyProperty))
                {
                    continue;
                }

                ISymbol? symbol = operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };

                if (symbol is not null && seen.Add(symbol) && IdOf(symbol) is { } found)
                {
                    return found;
                }
            }

            // 2. The parameters of the enclosing lambdas and local functions, then of the method.
            for (var current = creation.Parent; current is not null; current = current.Parent)
            {
                var parameters = current switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                    ILocalFunctionOperation localFunction => localFunction.Symbol.Parameters,
                    _ => ImmutableArray<IParameterSymbol>.Empty,
                };

                if (FirstId(parameters, seen) is { } fromFunction)
                {
                    return fromFunction;
                }
            }

            return containingSymbol is IMethodSymbol method ? FirstId(method.Parameters, seen) : null;
        }

        private static string? FirstId(ImmutableArray<IParameterSymbol> parameters, HashSet<ISymbol> seen)
        {
            foreach (var parameter in parameters)
            {
                if (seen.Add(parameter) && IdOf(parameter) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private static bool IsInsideKey(IOperation operation, IObjectCreationOperation creation, string keyProperty)
        {
            for (var current = operation.Parent; current is not null && current != creation; current = current.Parent)
            {
                if (current is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && target.Property.Name == keyProperty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>orderId</c> for an id-like value named <c>*Id</c>; <c>order.OrderId</c>, <c>order.Id</c> (or another
        /// <c>*Id</c> property) for an entity or message object.
        /// </summary>
        private static string? IdOf(ISymbol symbol)
        {
            var type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };

            if (type is null || symbol.Name.Length == 0)
            {
                return null;
            }

            string name = symbol.Name;
            if (IsIdType(type))
            {
                return name.EndsWith("Id", StringComparison.Ordinal) ? Expression(name, type) : null;
            }

            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || IsFrameworkType(type))
            {
                return null;
            }

            IPropertySymbol? best = null;
            int bestRank = int.MaxValue;
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property
                    || !IsIdType(property.Type)
                    || !property.Name.EndsWith("Id", StringComparison.Ordinal)
                    || property.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                int rank = property.Name == type.Name + "Id" ? 0 : property.Name == "Id" ? 1 : 2;
                if (rank < bestRank)
                {
                    best = property;
                    bestRank = rank;
                }
            }

            return best is null ? null : Expression(name + "." + best.Name, best.Type);
        }

        private static string Expression(string access, ITypeSymbol type)
            => type.SpecialType == SpecialType.System_String ? access : access + ".ToString()";

        private static bool IsIdType(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return false; // a nullable id would need a decision about null
            }

            return type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64
                || type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
        }

        private static bool IsFrameworkType(ITypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns is { Name: "System" or "Microsoft" or "Amazon" };
        }

        private sealed class Symbols
        {
            public Symbols(INamedTypeSymbol? guid, INamedTypeSymbol? random)
            {
                Guid = guid;
                Random = random;
            }

            public INamedTypeSymbol? Guid { get; }

            public INamedTypeSymbol? Random { get; }
        }
    }
}
