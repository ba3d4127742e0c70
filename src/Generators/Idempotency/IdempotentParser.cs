using System.Collections.Generic;
using System.Text;
using System.Threading;
using Consistency.Generators.Diagnostics;
using Consistency.Generators.Internals;
using Consistency.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Generators.Idempotency
{
    /// <summary>Turns an <c>[Idempotent]</c> method symbol into its equatable model; nothing of Roslyn leaves this class.</summary>
    internal static class IdempotentParser
    {
        public const string IdempotentAttribute = "Consistency.IdempotentAttribute";
        private const string IdempotencyKeyAttribute = "Consistency.IdempotencyKeyAttribute";
        private const string IdempotencyHandler = "Consistency.Runtime.Idempotency.IdempotencyHandler";
        private const string OutboxUnitOfWork = "Consistency.Runtime.Outbox.OutboxUnitOfWork";
        private const string LambdaContext = "Amazon.Lambda.Core.ILambdaContext";
        private const string CancellationToken = "System.Threading.CancellationToken";
        private const string Task = "System.Threading.Tasks.Task";
        private const string ValueTask = "System.Threading.Tasks.ValueTask";

        public static ParsedIdempotentMethod? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
            {
                return null;
            }

            var diagnostics = new List<DiagnosticInfo>();
            var location = LocationInfo.From(context.TargetNode is MethodDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : context.TargetNode.GetLocation());
            string methodName = SymbolNames.Short(method);

            // Attribute: stable name and options.
            var attribute = context.Attributes[0];
            string? stableName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            int expiration = 3600;
            int inProgressExpiration = 60;
            bool validatePayload = true;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "ExpirationSeconds" when named.Value.Value is int seconds:
                        expiration = seconds;
                        break;
                    case "InProgressExpirationSeconds" when named.Value.Value is int seconds:
                        inProgressExpiration = seconds;
                        break;
                    case "ValidatePayload" when named.Value.Value is bool validate:
                        validatePayload = validate;
                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(stableName))
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.MissingStableName, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? location, methodName, SuggestName(type, method)));
            }

            // The type and every containing type must be partial to receive the wrapper.
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (!IsPartial(current, cancellationToken))
                {
                    diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.NonPartialType, location, SymbolNames.Short(current), methodName));
                    break;
                }
            }

            string? unsupported = UnsupportedReason(method, type);
            if (unsupported is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.UnsupportedSignature, location, methodName, unsupported));
            }

            var (returnKind, resultType) = ClassifyReturn(method);
            var parameters = new List<IdempotentParameterModel>(method.Parameters.Length);
            var keyParts = new List<KeyPartModel>();
            var nullChecked = new List<string>();
            int unitsOfWork = 0;
            foreach (var parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var role = ClassifyParameter(parameter.Type);
                unitsOfWork += role == IdempotentParameterRole.UnitOfWork ? 1 : 0;
                bool isKey = role == IdempotentParameterRole.Payload && HasAttribute(parameter, IdempotencyKeyAttribute);
                string name = SymbolNames.Identifier(parameter.Name);
                parameters.Add(new IdempotentParameterModel(name, parameter.Type.ToDisplayString(SymbolNames.FullyQualified), role, SymbolNames.TypeKey(parameter.Type), IsNullableReference(parameter.Type), isKey));
                if (role != IdempotentParameterRole.Payload)
                {
                    continue;
                }

                if (isKey)
                {
                    keyParts.Add(KeyPart(name, name, parameter.Type));
                    continue;
                }

                int before = keyParts.Count;
                foreach (var member in KeyMembers(parameter.Type))
                {
                    var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                    keyParts.Add(KeyPart(name + "." + SymbolNames.Identifier(member.Name), name, memberType));
                }

                // Key members are read from the parameter, which must then not be null.
                if (keyParts.Count > before && !parameter.Type.IsValueType)
                {
                    nullChecked.Add(name);
                }
            }

            if (unitsOfWork > 1 && unsupported is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.UnsupportedSignature, location, methodName, "it takes more than one OutboxUnitOfWork"));
            }

            bool hasPayload = parameters.Exists(p => p.Role == IdempotentParameterRole.Payload);
            if (keyParts.Count == 0 && !hasPayload)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.NoIdempotencyKey, location, methodName));
            }

            string? handler = FindHandler(type, method.IsStatic);
            if (handler is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    GeneratorDiagnostics.NoIdempotencyHandler,
                    location,
                    SymbolNames.Short(type),
                    method.IsStatic ? "static " : string.Empty,
                    methodName));
            }

            bool hasErrors = false;
            foreach (var diagnostic in diagnostics)
            {
                hasErrors |= diagnostic.IsError;
            }

            var model = new IdempotentMethodModel(
                ContainingTypeModel.From(type),
                SymbolNames.Identifier(method.Name),
                WrapperName(method.Name),
                SymbolNames.Accessibility(method.DeclaredAccessibility),
                method.IsStatic,
                stableName ?? string.Empty,
                returnKind,
                resultType?.ToDisplayString(SymbolNames.FullyQualified),
                resultType is null ? null : SymbolNames.TypeKey(resultType),
                resultType is not null && IsNullableReference(resultType),
                new EquatableArray<IdempotentParameterModel>(parameters.ToArray()),
                new EquatableArray<KeyPartModel>(keyParts.ToArray()),
                new EquatableArray<string>(nullChecked.ToArray()),
                handler ?? string.Empty,
                expiration,
                inProgressExpiration,
                validatePayload,
                type.GetMembers().IndexOf(method),
                hasErrors);
            return new ParsedIdempotentMethod(model, location, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        /// <summary><c>PlaceAsync</c> and <c>Place</c> both get <c>PlaceIdempotentAsync</c>: the wrapper is always asynchronous.</summary>
        public static string WrapperName(string methodName)
        {
            string stem = methodName.EndsWith("Async", System.StringComparison.Ordinal) && methodName.Length > 5 ? methodName.Substring(0, methodName.Length - 5) : methodName;
            return stem + "IdempotentAsync";
        }

        private static bool IsNullableReference(ITypeSymbol type)
            => !type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated;

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }

            return type.DeclaringSyntaxReferences.Length > 0;
        }

        private static string? UnsupportedReason(IMethodSymbol method, INamedTypeSymbol type)
        {
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return "only ordinary methods can be wrapped";
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                return "it is declared in an interface";
            }

            if (method.IsGenericMethod)
            {
                return "it is generic";
            }

            if (type.IsValueType && !method.IsStatic)
            {
                return "it is an instance method of a struct, whose 'this' the wrapper's lambda cannot capture; make it static or declare it in a class";
            }

            if (method.IsAbstract)
            {
                return "it is abstract";
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return "it returns by reference";
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                return "it is 'async void'; return Task instead";
            }

            if (method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind == TypeKind.Pointer)
            {
                return "its return type cannot be stored";
            }

            if (method.ReturnType is INamedTypeSymbol { Name: "IAsyncEnumerable" or "IAsyncEnumerator" })
            {
                return "async streams cannot be replayed";
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                {
                    return $"parameter '{parameter.Name}' is passed by reference";
                }

                if (parameter.IsParams)
                {
                    return $"parameter '{parameter.Name}' is 'params'";
                }

                if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind == TypeKind.Pointer || parameter.Type.TypeKind == TypeKind.FunctionPointer)
                {
                    return $"parameter '{parameter.Name}' cannot be serialised";
                }
            }

            return null;
        }

        private static (IdempotentReturnKind Kind, ITypeSymbol? Result) ClassifyReturn(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return (IdempotentReturnKind.Void, null);
            }

            if (method.ReturnType is INamedTypeSymbol named)
            {
                string original = named.OriginalDefinition.ToDisplayString();
                switch (original)
                {
                    case Task:
                        return (IdempotentReturnKind.Task, null);
                    case ValueTask:
                        return (IdempotentReturnKind.ValueTask, null);
                    case Task + "<TResult>":
                        return (IdempotentReturnKind.TaskOfT, named.TypeArguments[0]);
                    case ValueTask + "<TResult>":
                        return (IdempotentReturnKind.ValueTaskOfT, named.TypeArguments[0]);
                }
            }

            return (IdempotentReturnKind.Value, method.ReturnType);
        }

        private static IdempotentParameterRole ClassifyParameter(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)) switch
        {
            CancellationToken => IdempotentParameterRole.CancellationToken,
            LambdaContext => IdempotentParameterRole.LambdaContext,
            OutboxUnitOfWork => IdempotentParameterRole.UnitOfWork,
            _ => IdempotentParameterRole.Payload,
        };

        private static IEnumerable<ISymbol> KeyMembers(ITypeSymbol type)
        {
            // Base members first, then the type's own, each in declaration order.
            var chain = new List<ITypeSymbol>();
            for (ITypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            foreach (var current in chain)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } or IFieldSymbol { IsStatic: false }
                        && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                        && HasAttribute(member, IdempotencyKeyAttribute))
                    {
                        yield return member;
                    }
                }
            }
        }

        private static KeyPartModel KeyPart(string expression, string parameterName, ITypeSymbol type)
        {
            bool nullableValue = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var underlying = nullableValue ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            KeyFormat format = underlying.SpecialType == SpecialType.System_String
                ? KeyFormat.Text
                : Implements(underlying, "System.IFormattable") ? KeyFormat.Formattable : KeyFormat.Other;
            return new KeyPartModel(expression, parameterName, format, !type.IsValueType || nullableValue);
        }

        private static bool Implements(ITypeSymbol type, string interfaceName)
        {
            if (type.TypeKind == TypeKind.Enum)
            {
                // Enum.ToString(string, IFormatProvider) is obsolete; enum names need no culture.
                return false;
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.ToDisplayString() == interfaceName)
                {
                    return true;
                }
            }

            return false;
        }

        // The first IdempotencyHandler field or property in declaration order, the type's own before its bases';
        // an instance method prefers an instance member, a static method can only use a static one.
        private static string? FindHandler(INamedTypeSymbol type, bool isStatic)
        {
            ISymbol? staticCandidate = null;
            INamedTypeSymbol? staticOwner = null;
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                        IPropertySymbol { IsIndexer: false, GetMethod: not null } property => property.Type,
                        _ => null,
                    };
                    if (memberType is null || memberType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)) != IdempotencyHandler)
                    {
                        continue;
                    }

                    if (!SymbolEqualityComparer.Default.Equals(current, type) && member.DeclaredAccessibility == Accessibility.Private)
                    {
                        continue;
                    }

                    if (!member.IsStatic && !isStatic)
                    {
                        return Access(member, memberType, "this." + SymbolNames.Identifier(member.Name));
                    }

                    if (member.IsStatic && staticCandidate is null)
                    {
                        staticCandidate = member;
                        staticOwner = current;
                    }
                }
            }

            return staticCandidate is null
                ? null
                : Access(staticCandidate, staticCandidate is IFieldSymbol f ? f.Type : ((IPropertySymbol)staticCandidate).Type, staticOwner!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + SymbolNames.Identifier(staticCandidate.Name));

            static string Access(ISymbol member, ITypeSymbol memberType, string access)
                => memberType.NullableAnnotation == NullableAnnotation.Annotated
                    ? "(" + access + " ?? throw new global::System.InvalidOperationException(" + SymbolNames.Literal(member.Name + " is not set.") + "))"
                    : access;
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

        private static string SuggestName(INamedTypeSymbol type, IMethodSymbol method)
        {
            string stem = method.Name.EndsWith("Async", System.StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
            return Kebab(type.Name) + "." + Kebab(stem);
        }

        private static string Kebab(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsUpper(c) && i > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }

            return builder.ToString();
        }
    }
}
