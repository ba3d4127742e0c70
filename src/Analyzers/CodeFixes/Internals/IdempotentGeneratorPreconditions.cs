using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Internals
{
    /// <summary>A parameter of a method that is, or is about to be, <c>[Idempotent]</c>, as the generator classifies it.</summary>
    /// <param name="Type">The parameter's type.</param>
    /// <param name="IsKey">The parameter itself carries (or will carry) <c>[IdempotencyKey]</c>.</param>
    /// <param name="KeyMembers">How many <c>[IdempotencyKey]</c> members of its type the generator reads (after the fix).</param>
    internal readonly record struct IdempotentParameter(ITypeSymbol Type, bool IsKey, int KeyMembers);

    /// <summary>
    /// What the source generator (src/Generators/Idempotency) requires of an <c>[Idempotent]</c> method, for the fixes
    /// that add one: a fix offered where the generator would then report an error breaks the user's build. The rules
    /// mirror <c>IdempotentParser</c> (<c>UnsupportedReason</c>, <c>ClassifyReturn</c>, <c>ClassifyParameter</c>,
    /// <c>KeyMembers</c>, <c>FindHandler</c>), <c>IdempotentMethodModel.NeedsPayloadHash</c>,
    /// <c>IdempotentResolver.JsonNeeds</c> and <c>JsonContextParser</c>; change them together.
    /// </summary>
    internal static class IdempotentGeneratorPreconditions
    {
        private const string IdempotencyHandler = "Consistency.Runtime.Idempotency.IdempotencyHandler";
        private const string IdempotencyKeyAttribute = "Consistency.IdempotencyKeyAttribute";
        private const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
        private const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";

        private static readonly SymbolDisplayFormat NameFormat = SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

        /// <summary>False for the signatures the generator rejects (CH0101): generic, abstract, by-ref, params, async void, ref structs, async streams, struct instance methods.</summary>
        public static bool IsSupportedSignature(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (method.MethodKind != MethodKind.Ordinary || type.TypeKind == TypeKind.Interface || method.IsGenericMethod
                || (type.IsValueType && !method.IsStatic) || method.IsAbstract || method.ReturnsByRef || method.ReturnsByRefReadonly
                || (method.IsAsync && method.ReturnsVoid) || method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind == TypeKind.Pointer
                || method.ReturnType is INamedTypeSymbol { Name: "IAsyncEnumerable" or "IAsyncEnumerator" })
            {
                return false;
            }

            int unitsOfWork = 0;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.Type.IsRefLikeType
                    || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    return false;
                }

                unitsOfWork += Name(parameter.Type) == "Consistency.Runtime.Outbox.OutboxUnitOfWork" ? 1 : 0;
            }

            return unitsOfWork <= 1;
        }

        /// <summary>The generator's wrapper name (<c>IdempotentParser.WrapperName</c>): <c>PlaceAsync</c> and <c>Place</c> give <c>PlaceIdempotentAsync</c>.</summary>
        public static string WrapperName(string methodName)
            => (methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5 ? methodName.Substring(0, methodName.Length - 5) : methodName) + "IdempotentAsync";

        /// <summary>No member of the type or its bases has the wrapper's name: the generated method would collide with it or hide it (CS0108).</summary>
        public static bool IsWrapperNameFree(INamedTypeSymbol type, string methodName)
        {
            string wrapper = WrapperName(methodName);
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (!current.GetMembers(wrapper).IsEmpty)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The stored result: <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, the return type of a synchronous method, none for void and Task.</summary>
        public static ITypeSymbol? ResultType(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return null;
            }

            if (method.ReturnType is INamedTypeSymbol named)
            {
                switch (named.OriginalDefinition.ToDisplayString())
                {
                    case "System.Threading.Tasks.Task":
                    case "System.Threading.Tasks.ValueTask":
                        return null;
                    case "System.Threading.Tasks.Task<TResult>":
                    case "System.Threading.Tasks.ValueTask<TResult>":
                        return named.TypeArguments[0];
                }
            }

            return method.ReturnType;
        }

        /// <summary>A payload parameter: anything but the token, the Lambda context and the unit of work, which have roles in the wrapper.</summary>
        public static bool IsPayload(ITypeSymbol type)
            => Name(type) is not ("System.Threading.CancellationToken" or "Amazon.Lambda.Core.ILambdaContext" or "Consistency.Runtime.Outbox.OutboxUnitOfWork");

        /// <summary>The <c>[IdempotencyKey]</c> members of a payload type that the generator reads: instance, public or internal, of the type and its bases.</summary>
        public static int KeyMemberCount(ITypeSymbol type)
        {
            int count = 0;
            for (ITypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } or IFieldSymbol { IsStatic: false }
                        && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                        && member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == IdempotencyKeyAttribute))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        /// <summary>Whether the parameter already carries <c>[IdempotencyKey]</c>.</summary>
        public static bool HasKeyAttribute(IParameterSymbol parameter)
            => parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == IdempotencyKeyAttribute);

        /// <summary>
        /// An <c>IdempotencyHandler</c> field or property the wrapper can call (CH0104 otherwise): the type's own (any
        /// accessibility) or a non-private one of a base type; a static method needs a static one.
        /// </summary>
        public static bool HasHandler(INamedTypeSymbol type, bool isStatic)
        {
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
                    if (memberType is null || Name(memberType) != IdempotencyHandler
                        || (!SymbolEqualityComparer.Default.Equals(current, type) && member.DeclaredAccessibility == Accessibility.Private))
                    {
                        continue;
                    }

                    if (member.IsStatic || !isStatic)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The types the wrapper serialises with the user's JSON contexts (CH0105 otherwise): the result, then, when the
        /// payload is hashed, every payload parameter. Null when there is neither a key nor a payload (CH0102).
        /// </summary>
        public static List<ITypeSymbol>? JsonNeeds(ITypeSymbol? result, IReadOnlyList<IdempotentParameter> payload, bool validatePayload = true)
        {
            int keyParts = payload.Sum(p => p.IsKey ? 1 : p.KeyMembers);
            if (keyParts == 0 && payload.Count == 0)
            {
                return null;
            }

            var needs = new List<ITypeSymbol>();
            if (result is not null)
            {
                needs.Add(result);
            }

            bool hashed = keyParts == 0 || (validatePayload && payload.Any(p => !p.IsKey));
            if (hashed)
            {
                needs.AddRange(payload.Select(p => p.Type));
            }

            return needs;
        }

        /// <summary>
        /// How the JSON needs are met: types some context already lists need nothing; the others are added to the
        /// first context (by full name) declared in <paramref name="tree"/>. Null when a type is missing and cannot be
        /// added there (no such context in this file, or a type a context cannot name or System.Text.Json cannot serialise).
        /// </summary>
        public static JsonAdditions? PlanJson(Compilation compilation, SyntaxTree tree, IEnumerable<ITypeSymbol> needs, CancellationToken cancellationToken)
        {
            var contextType = compilation.GetBestTypeByMetadataName(JsonSerializerContext);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            ClassDeclarationSyntax? target = null;
            INamedTypeSymbol? targetSymbol = null;
            bool contextsScanned = false;
            var missing = new List<ITypeSymbol>();
            foreach (var need in needs)
            {
                if (!contextsScanned)
                {
                    contextsScanned = true;
                    if (contextType is not null)
                    {
                        ScanContexts(compilation, tree, contextType, listed, ref target, ref targetSymbol, cancellationToken);
                    }
                }

                string key = TypeKey(need);
                if (!listed.Contains(key) && !missing.Any(m => TypeKey(m) == key))
                {
                    missing.Add(need);
                }
            }

            if (missing.Count == 0)
            {
                return new JsonAdditions(null, Array.Empty<ITypeSymbol>());
            }

            if (target is null || targetSymbol is null || missing.Any(t => !CanAdd(compilation, t, targetSymbol)))
            {
                return null;
            }

            return new JsonAdditions(target, missing);
        }

        /// <summary>The generator's key of a type (TypeKey in SymbolNames): fully qualified, without a nullable reference annotation.</summary>
        public static string TypeKey(ITypeSymbol type)
            => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary><c>[global::System.Text.Json.Serialization.JsonSerializable(typeof(T))]</c>, annotated for the cleanup to shorten as the file's usings allow (none is added).</summary>
        public static AttributeListSyntax JsonSerializableList(ITypeSymbol type)
            => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(
                    SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                        SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(TypeKey(type)).WithAdditionalAnnotations(Simplifier.Annotation))))))));

        /// <summary>Adds the attributes for <paramref name="types"/> that the declaration does not list yet (Fix All may plan the same type twice).</summary>
        public static ClassDeclarationSyntax AddJsonSerializable(ClassDeclarationSyntax context, IEnumerable<ITypeSymbol> types)
        {
            var present = new HashSet<string>(
                context.AttributeLists.SelectMany(l => l.Attributes)
                    .SelectMany(a => a.ArgumentList?.Arguments ?? default)
                    .Select(a => a.Expression).OfType<TypeOfExpressionSyntax>()
                    .Select(t => t.Type.ToString()),
                StringComparer.Ordinal);
            var lists = new List<AttributeListSyntax>();
            foreach (var type in types)
            {
                if (present.Add(TypeKey(type)))
                {
                    lists.Add(JsonSerializableList(type));
                }
            }

            if (lists.Count == 0)
            {
                return context;
            }

            // New lists go after the existing ones, on their own lines, so that the class keeps its leading trivia.
            var last = context.AttributeLists.Last();
            var indentation = last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var newLine = last.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var endOfLine = newLine == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : newLine;
            var formatted = lists.Select(l => l.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine));
            return context.WithAttributeLists(context.AttributeLists.AddRange(formatted));
        }

        private static void ScanContexts(Compilation compilation, SyntaxTree tree, INamedTypeSymbol contextType, HashSet<string> listed, ref ClassDeclarationSyntax? target, ref INamedTypeSymbol? targetSymbol, CancellationToken cancellationToken)
        {
            // Only contexts the generator sees: a [JsonSerializable] class of this compilation, non-generic, visible in
            // the assembly, deriving from JsonSerializerContext.
            foreach (var syntaxTree in compilation.SyntaxTrees)
            {
                var root = syntaxTree.GetRoot(cancellationToken);
                SemanticModel? model = null;
                foreach (var declaration in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>())
                {
                    if (declaration.AttributeLists.Count == 0 || !declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("JsonSerializable")))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(syntaxTree);
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { IsGenericType: false } symbol || !symbol.BaseType.IsOrDerivesFrom(contextType) || !IsVisibleInAssembly(symbol))
                    {
                        continue;
                    }

                    foreach (var attribute in symbol.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == JsonSerializableAttribute && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol serialised)
                        {
                            listed.Add(TypeKey(serialised));
                        }
                    }

                    if (syntaxTree == tree && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                        && (targetSymbol is null || string.CompareOrdinal(symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), targetSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)) < 0))
                    {
                        target = declaration;
                        targetSymbol = symbol;
                    }
                }
            }
        }

        // A type the context can name in typeof and System.Text.Json can describe.
        private static bool CanAdd(Compilation compilation, ITypeSymbol type, INamedTypeSymbol context)
            => type.TypeKind is not (TypeKind.Interface or TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error or TypeKind.Dynamic)
                && !type.IsRefLikeType && !type.IsAbstract && type.SpecialType != SpecialType.System_Object
                && !ContainsTypeParameter(type)
                && compilation.IsSymbolAccessibleWithin(type, context);

        private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
        {
            ITypeParameterSymbol => true,
            IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter) || (named.ContainingType is { } outer && ContainsTypeParameter(outer)),
            _ => false,
        };

        private static bool IsVisibleInAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Name(ITypeSymbol type) => type.ToDisplayString(NameFormat);
    }

    /// <summary>The <c>[JsonSerializable]</c> attributes a fix adds to a context declared in the fixed document, if any.</summary>
    internal sealed record JsonAdditions(ClassDeclarationSyntax? Context, IReadOnlyList<ITypeSymbol> Types)
    {
        public bool IsEmpty => Context is null || Types.Count == 0;
    }
}
