using System.Collections.Generic;
using System.Threading;
using Consistency.Generators.Diagnostics;
using Consistency.Generators.Internals;
using Consistency.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Generators.DomainEvents
{
    /// <summary>Turns a <c>[DomainEvent]</c> type into its equatable model and checks what the outbox and JSON need.</summary>
    internal static class DomainEventParser
    {
        public const string DomainEventAttribute = "Consistency.DomainEventAttribute";
        private const string AggregateKeyAttribute = "Consistency.AggregateKeyAttribute";
        private const string EventIdAttribute = "Consistency.EventIdAttribute";
        private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";

        public static ParsedDomainEvent? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type)
            {
                return null;
            }

            var diagnostics = new List<DiagnosticInfo>();
            var location = LocationInfo.From(context.TargetNode is TypeDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : context.TargetNode.GetLocation());
            string shortName = SymbolNames.Short(type);
            var attribute = context.Attributes[0];
            string typeName = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
            int version = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int v ? v : 1;

            if (string.IsNullOrWhiteSpace(typeName) || HasWhiteSpace(typeName))
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InvalidEventTypeName, location, shortName, "needs a type name without white space, e.g. [DomainEvent(\"orders.order-placed\")]"));
            }

            if (version < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InvalidEventTypeName, location, shortName, "has version " + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; versions start at 1"));
            }

            if (type.IsGenericType || !SymbolNames.IsVisibleInAssembly(type))
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InvalidEventTypeName, location, shortName, "must be a non-generic type that the rest of its assembly can see"));
            }

            EventMemberModel? aggregateKey = null;
            EventMemberModel? eventId = null;
            string? occurredAt = null;
            foreach (var member in InstanceMembers(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                if (HasAttribute(member, JsonIgnoreAttribute))
                {
                    continue;
                }

                string? problem = Unserialisable(memberType, 0);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.UnserializableMember, LocationInfo.From(member.Locations.Length > 0 ? member.Locations[0] : null) ?? location, member.Name, shortName, SymbolNames.Short(memberType), problem));
                }

                if (aggregateKey is null && HasAttribute(member, AggregateKeyAttribute))
                {
                    aggregateKey = Member(SymbolNames.Identifier(member.Name), memberType);
                }

                if (eventId is null && HasAttribute(member, EventIdAttribute))
                {
                    eventId = Member(SymbolNames.Identifier(member.Name), memberType);
                }

                if (occurredAt is null && member.Name == "OccurredAt" && IsTime(memberType))
                {
                    occurredAt = member.Name;
                }
            }

            if (aggregateKey is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.EventWithoutAggregateKey, location, shortName));
            }

            if (eventId is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.EventWithoutEventId, location, shortName));
            }

            string mappingName = type.Name;
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                mappingName = outer.Name + mappingName;
            }

            bool hasErrors = false;
            foreach (var diagnostic in diagnostics)
            {
                hasErrors |= diagnostic.IsError;
            }

            var model = new DomainEventModel(
                SymbolNames.Namespace(type),
                mappingName + "DomainEvent",
                IsPublic(type) ? "public" : "internal",
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                ContainingTypeModel.From(type).HintPrefix,
                type.IsValueType,
                typeName,
                version,
                SymbolNames.TypeKey(type),
                aggregateKey,
                eventId,
                occurredAt,
                hasErrors);
            return new ParsedDomainEvent(model, location, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        private static IEnumerable<ISymbol> InstanceMembers(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            foreach (var current in chain)
            {
                foreach (var member in current.GetMembers())
                {
                    if ((member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } || member is IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false })
                        && member.DeclaredAccessibility == Accessibility.Public)
                    {
                        yield return member;
                    }
                }
            }
        }

        // What System.Text.Json can neither write nor read (it throws or skips), checked through arrays and type arguments.
        private static string? Unserialisable(ITypeSymbol type, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            switch (type)
            {
                case { TypeKind: TypeKind.Delegate }:
                    return "a delegate";
                case { TypeKind: TypeKind.Pointer or TypeKind.FunctionPointer }:
                    return "a pointer";
                case { IsRefLikeType: true }:
                    return "a ref struct";
                case { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr }:
                    return "a native integer";
                case IArrayTypeSymbol { Rank: > 1 }:
                    return "a multi-dimensional array";
                case IArrayTypeSymbol array:
                    return Unserialisable(array.ElementType, depth + 1);
            }

            string name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
            if (name is "System.Type" or "System.Reflection.MethodInfo" or "System.Reflection.MemberInfo" or "System.Threading.Tasks.Task" or "System.Threading.CancellationToken")
            {
                return "a runtime object, not data";
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                if (generic.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>")
                {
                    return "a runtime object, not data";
                }

                foreach (var argument in generic.TypeArguments)
                {
                    if (Unserialisable(argument, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }
            }

            return null;
        }

        private static EventMemberModel Member(string name, ITypeSymbol type)
        {
            bool nullableValue = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var underlying = nullableValue ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            var format = underlying.SpecialType == SpecialType.System_String
                ? KeyFormat.Text
                : underlying.TypeKind != TypeKind.Enum && Implements(underlying, "System.IFormattable") ? KeyFormat.Formattable : KeyFormat.Other;
            return new EventMemberModel(name, format, !type.IsValueType || nullableValue);
        }

        private static bool IsTime(ITypeSymbol type)
        {
            var underlying = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            return underlying.SpecialType == SpecialType.System_DateTime || underlying.ToDisplayString() == "System.DateTimeOffset";
        }

        private static bool Implements(ITypeSymbol type, string interfaceName)
        {
            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.ToDisplayString() == interfaceName)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasWhiteSpace(string text)
        {
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, string attributeName)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == attributeName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
