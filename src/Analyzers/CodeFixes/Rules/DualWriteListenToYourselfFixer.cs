using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Internals;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0001, listen to yourself: the write is replaced by publishing an intent (through the service's
    /// <c>IIntentPublisher</c>) and moves into a new <c>[Idempotent]</c> consumer method of the same type, keyed by the
    /// intent id; the type becomes partial so that the generator can emit the idempotency wrapper.
    /// </summary>
    /// <remarks>
    /// Offered only where moving the write keeps its meaning: it is an awaited statement of the method itself (not of a
    /// lambda or local function) whose result is unused, it reads only the method's parameters and the service's
    /// members (no locals), no database read runs before it in the flow (the write could depend on stored state), it is
    /// not a <c>SaveChanges</c> (which writes what the method tracked earlier) and not inside a transaction, and the
    /// service holds an <c>IIntentPublisher</c>. The consumer must also build with the source generator
    /// (<see cref="IdempotentGeneratorPreconditions"/>): the service holds an <c>IdempotencyHandler</c>, and the intent's
    /// values, which the wrapper hashes to validate the payload, have JSON metadata in a <c>JsonSerializerContext</c> —
    /// added by the fix to a context of the same file where missing.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DualWriteListenToYourselfFixer)), Shared]
    public sealed class DualWriteListenToYourselfFixer : CodeFixProvider
    {
        internal const string EquivalenceKey = RuleIdentifiers.DualWrite + ".ListenToYourself";

        private const string Title = "Publish an intent and write in an idempotent consumer (listen to yourself)";
        private const string PublisherType = "Consistency.Runtime.ListenToYourself.IIntentPublisher";
        private const string IntentType = "Consistency.Runtime.ListenToYourself.IIntent";
        private const string IdempotentType = "Consistency.IdempotentAttribute";
        private const string IdempotencyKeyType = "Consistency.IdempotencyKeyAttribute";
        private const string GuidType = "System.Guid";
        private const string TaskType = "System.Threading.Tasks.Task";

        private static readonly DualWriteRewritePlanner Planner = Plan;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.DualWrite);

        public override FixAllProvider GetFixAllProvider() => new DualWriteFixAllProvider(Planner);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await DualWriteRewriter.PlanAsync(context.Document, diagnostic, Planner, context.CancellationToken).ConfigureAwait(false) is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => DualWriteRewriter.FixAsync(document, ImmutableArray.Create(diagnostic), Planner, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static DualWriteRewrite? Plan(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, ISet<string> claimedNames, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var publisherType = compilation.GetBestTypeByMetadataName(PublisherType);
            if (publisherType is null || compilation.GetBestTypeByMetadataName(IntentType) is null
                || compilation.GetBestTypeByMetadataName(IdempotentType) is null || compilation.GetBestTypeByMetadataName(IdempotencyKeyType) is null)
            {
                return null; // the runtime or the abstractions are not referenced
            }

            var sites = DualWriteSites.Find(root, diagnostic);
            if (sites is null || !sites.OutgoingIsPublish || sites.ReadBeforeWrite || sites.InsideTransaction)
            {
                return null;
            }

            var statement = DualWriteSites.AwaitedStatementOf(sites.Write, out bool configureAwait);
            var methodSyntax = statement is null ? null : DualWriteSites.EnclosingMethod(statement);
            if (statement is null || methodSyntax is null || methodSyntax.TypeParameterList is not null
                || !methodSyntax.Modifiers.Any(SyntaxKind.AsyncKeyword)
                || model.GetDeclaredSymbol(methodSyntax, cancellationToken) is not { IsStatic: false } method
                || method.ContainingType is not { TypeKind: TypeKind.Class, IsStatic: false } type
                || IsSaveChanges(model, sites.Write, cancellationToken))
            {
                return null;
            }

            var used = UsedParameters(model, statement, method, cancellationToken);
            var typeDeclarations = PartialTargets(type, root.SyntaxTree, cancellationToken);
            var publisher = FindPublisher(model, statement.SpanStart, type, publisherType);
            if (used is null || typeDeclarations is null || publisher is null || !IdempotentGeneratorPreconditions.HasHandler(type, isStatic: false))
            {
                return null;
            }

            // Names: the consumer and the intent are new members of the type, unique also among the members that
            // other fixes of this document add to it.
            string baseName = method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5
                ? method.Name.Substring(0, method.Name.Length - 5)
                : method.Name;
            var taken = new HashSet<string>(type.MemberNames, StringComparer.Ordinal) { type.Name };
            foreach (var nested in type.GetTypeMembers())
            {
                taken.Add(nested.Name);
            }

            string typeKey = type.ToDisplayString() + ".";
            foreach (var claimed in claimedNames)
            {
                if (claimed.StartsWith(typeKey, StringComparison.Ordinal))
                {
                    taken.Add(claimed.Substring(typeKey.Length));
                }
            }

            string consumerName = FixerSyntax.UniqueName("Persist" + baseName + "Async", taken);
            string intentName = FixerSyntax.UniqueName(baseName + "Intent", taken);
            if (taken.Contains(IdempotentGeneratorPreconditions.WrapperName(consumerName)) || !IdempotentGeneratorPreconditions.IsWrapperNameFree(type, consumerName))
            {
                return null; // the generated wrapper's name is taken
            }

            claimedNames.Add(typeKey + consumerName);
            claimedNames.Add(typeKey + intentName);

            var fields = new List<(IParameterSymbol Parameter, string Property)>();
            var propertyNames = new HashSet<string>(StringComparer.Ordinal) { "IntentId", intentName };
            IParameterSymbol? usedToken = null;
            foreach (var parameter in used)
            {
                if (IsCancellationToken(parameter.Type))
                {
                    usedToken = parameter;
                    continue;
                }

                string property = char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
                if (!propertyNames.Add(property) || !SyntaxFacts.IsValidIdentifier(property))
                {
                    return null; // two parameters that differ only in case, or a name the intent already uses
                }

                fields.Add((parameter, property));
            }

            // The consumer's key is the intent id; the wrapper hashes the other values (payload validation), which
            // therefore need JSON metadata.
            var payload = new List<IdempotentParameter> { new(compilation.GetSpecialType(SpecialType.System_String), IsKey: true, KeyMembers: 0) };
            foreach (var (parameter, _) in fields)
            {
                if (IdempotentGeneratorPreconditions.IsPayload(parameter.Type))
                {
                    payload.Add(new IdempotentParameter(parameter.Type, IsKey: false, IdempotentGeneratorPreconditions.KeyMemberCount(parameter.Type)));
                }
            }

            var needs = IdempotentGeneratorPreconditions.JsonNeeds(null, payload);
            var json = needs is null ? null : IdempotentGeneratorPreconditions.PlanJson(compilation, root.SyntaxTree, needs, cancellationToken);
            if (json is null)
            {
                return null;
            }

            var parameterNames = new HashSet<string>(method.Parameters.Select(p => p.Name), StringComparer.Ordinal);
            string keyName = FixerSyntax.UniqueName("intentId", parameterNames);
            var methodToken = method.Parameters.FirstOrDefault(p => IsCancellationToken(p.Type) && p.RefKind == RefKind.None);
            string stableName = type.Name + "." + consumerName;
            string accessibility = Accessibility(methodSyntax, fields);

            var publish = new StringBuilder("await ").Append(publisher).Append(".PublishAsync(").Append(Literal(stableName))
                .Append(", new ").Append(intentName).Append("(@Guid.NewGuid().ToString(\"N\")");
            foreach (var (parameter, _) in fields)
            {
                publish.Append(", ").Append(Escaped(parameter.Name));
            }

            publish.Append(')');
            if (methodToken is not null)
            {
                publish.Append(", ").Append(Escaped(methodToken.Name));
            }

            publish.Append(')').Append(configureAwait ? ".ConfigureAwait(false)" : string.Empty).Append(';');

            var consumer = new StringBuilder()
                .Append("/// <summary>Listen to yourself: writes what <c>").Append(method.Name).Append("</c> published as a <see cref=\"").Append(intentName)
                .Append("\"/>. Call it from the consumer of the intents; it runs once per intent.</summary>\n")
                .Append("[@IdempotentAttribute(").Append(Literal(stableName)).Append(")]\n")
                .Append(accessibility).Append(" async @Task ").Append(consumerName).Append("([@IdempotencyKeyAttribute] string ").Append(keyName);
            var record = new StringBuilder()
                .Append("/// <summary>What <c>").Append(method.Name).Append("</c> asks <c>").Append(consumerName).Append("</c> to write.</summary>\n")
                .Append(accessibility).Append(" sealed record ").Append(intentName).Append("(string IntentId");
            foreach (var (parameter, property) in fields)
            {
                string typeText = ParameterTypeText(parameter, cancellationToken);
                consumer.Append(", ").Append(typeText).Append(' ').Append(Escaped(parameter.Name));
                record.Append(", ").Append(typeText).Append(' ').Append(property);
            }

            if (usedToken is not null)
            {
                consumer.Append(", ").Append(ParameterTypeText(usedToken, cancellationToken)).Append(' ').Append(Escaped(usedToken.Name));
            }

            consumer.Append(")\n{\n}\n");
            record.Append(") : @IIntent;\n");

            return new Rewrite(statement, methodSyntax, typeDeclarations, json, publish.ToString(), consumer.ToString(), record.ToString(), FixerSyntax.NewLineOf(root));
        }

        private static bool IsCancellationToken(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: nameof(CancellationToken), ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        /// <summary>
        /// <c>SaveChanges</c> writes what the method tracked before it: moving it alone would write nothing, or
        /// another request's changes.
        /// </summary>
        private static bool IsSaveChanges(SemanticModel model, InvocationExpressionSyntax write, CancellationToken cancellationToken)
            => model.GetOperation(write, cancellationToken) is not IInvocationOperation invocation
                || invocation.TargetMethod.Name is "SaveChanges" or "SaveChangesAsync";

        /// <summary>
        /// The parameters of <paramref name="method"/> the statement reads, in declaration order; null when it reads a
        /// local of the method (which may hold stored state, and would not exist in the consumer) or a by-reference parameter.
        /// </summary>
        private static List<IParameterSymbol>? UsedParameters(SemanticModel model, StatementSyntax statement, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var used = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in statement.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                switch (symbol)
                {
                    case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                        if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType)
                        {
                            return null;
                        }

                        used.Add(parameter);
                        break;
                    case IParameterSymbol or ILocalSymbol or IRangeVariableSymbol when !IsDeclaredInside(symbol, statement):
                        return null;
                }
            }

            return method.Parameters.Where(used.Contains).ToList();
        }

        private static bool IsDeclaredInside(ISymbol symbol, SyntaxNode node)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != node.SyntaxTree || !node.Span.Contains(reference.Span))
                {
                    return false;
                }
            }

            return symbol.DeclaringSyntaxReferences.Length > 0;
        }

        /// <summary>The declarations of the type and of its containing types, which all become partial; null when one is in another file.</summary>
        private static List<TypeDeclarationSyntax>? PartialTargets(INamedTypeSymbol type, SyntaxTree tree, CancellationToken cancellationToken)
        {
            var result = new List<TypeDeclarationSyntax>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != tree || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                    {
                        return null;
                    }

                    result.Add(declaration);
                }
            }

            return result;
        }

        /// <summary>How the method reaches the service's intent publisher (a field or property), or null when it has none.</summary>
        private static string? FindPublisher(SemanticModel model, int position, INamedTypeSymbol type, INamedTypeSymbol publisherType)
        {
            ISymbol? found = null;
            for (var current = type; current is not null && found is null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                        IPropertySymbol { GetMethod: not null, Parameters.Length: 0 } property => property.Type,
                        _ => null,
                    };
                    if (memberType is not null && SymbolEqualityComparer.Default.Equals(memberType, publisherType) && model.IsAccessible(position, member))
                    {
                        found = member;
                        break;
                    }
                }
            }

            if (found is null)
            {
                return null;
            }

            // A parameter or local of the same name would hide the member.
            var visible = model.LookupSymbols(position, name: found.Name);
            bool hidden = visible.Length == 0 || !SymbolEqualityComparer.Default.Equals(visible[0], found);
            return !hidden ? Escaped(found.Name) : found.IsStatic ? found.ContainingType.Name + "." + Escaped(found.Name) : "this." + Escaped(found.Name);
        }

        /// <summary>
        /// The consumer and the intent are as visible as the method, and at least internal when the types of the intent
        /// allow it, so that the code consuming the intents can call the consumer.
        /// </summary>
        private static string Accessibility(MethodDeclarationSyntax method, List<(IParameterSymbol Parameter, string Property)> fields)
        {
            var modifiers = method.Modifiers.Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.PrivateKeyword)).Select(m => m.Text).ToList();
            string declared = string.Join(" ", modifiers);
            if (declared is "public" or "internal" or "protected internal" or "internal protected")
            {
                return declared;
            }

            foreach (var (parameter, _) in fields)
            {
                if (!IsAtLeastInternal(parameter.Type))
                {
                    return declared.Length == 0 ? "private" : declared;
                }
            }

            return "internal";
        }

        private static bool IsAtLeastInternal(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return IsAtLeastInternal(array.ElementType);
                case ITypeParameterSymbol:
                    return true;
                case INamedTypeSymbol named:
                    for (ISymbol? current = named; current is INamedTypeSymbol; current = current.ContainingType)
                    {
                        if (current.DeclaredAccessibility is Microsoft.CodeAnalysis.Accessibility.Private or Microsoft.CodeAnalysis.Accessibility.Protected or Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal)
                        {
                            return false;
                        }
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        if (!IsAtLeastInternal(argument))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }

        /// <summary>The parameter's type as the user wrote it (aliases, nullable annotations), without <c>params</c>.</summary>
        private static string ParameterTypeText(IParameterSymbol parameter, CancellationToken cancellationToken)
            => parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type }
                ? type.WithoutTrivia().ToString()
                : parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        private sealed class Rewrite : DualWriteRewrite
        {
            private readonly StatementSyntax write;
            private readonly MethodDeclarationSyntax method;
            private readonly List<TypeDeclarationSyntax> types;
            private readonly JsonAdditions json;
            private readonly string publish;
            private readonly string consumer;
            private readonly string record;
            private readonly string newLine;

            public Rewrite(StatementSyntax write, MethodDeclarationSyntax method, List<TypeDeclarationSyntax> types, JsonAdditions json, string publish, string consumer, string record, string newLine)
            {
                this.write = write;
                this.method = method;
                this.types = types;
                this.json = json;
                this.publish = publish;
                this.consumer = consumer;
                this.record = record;
                this.newLine = newLine;
            }

            public override IEnumerable<SyntaxNode> NodesToTrack => new SyntaxNode[] { write, method }.Concat(types).Concat(json.Context is { } context ? new SyntaxNode[] { context } : Array.Empty<SyntaxNode>());

            public override SyntaxNode Apply(SyntaxNode root)
            {
                var currentWrite = root.GetCurrentNode(write);
                if (currentWrite is null)
                {
                    return root;
                }

                // The write's comments go with it into the consumer; the intent keeps its place and blank lines.
                var (blankLines, comments) = FixerSyntax.SplitLeadingBlankLines(currentWrite.GetLeadingTrivia());
                var indentation = FixerSyntax.Indentation(currentWrite.GetLeadingTrivia());
                var eol = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(newLine));
                var moved = currentWrite.WithLeadingTrivia(comments).WithAdditionalAnnotations(Formatter.Annotation);
                var replacement = Parse<StatementSyntax>(publish, t => SyntaxFactory.ParseStatement(t))
                    .WithLeadingTrivia(blankLines.AddRange(indentation))
                    .WithTrailingTrivia(eol);
                root = root.ReplaceNode(currentWrite, replacement);

                var consumerMethod = Parse<MemberDeclarationSyntax>(consumer, t => SyntaxFactory.ParseMemberDeclaration(t)!) as MethodDeclarationSyntax;
                var intent = Parse<MemberDeclarationSyntax>(record, t => SyntaxFactory.ParseMemberDeclaration(t)!);
                var currentMethod = root.GetCurrentNode(method);
                if (consumerMethod is null || currentMethod is null)
                {
                    return root;
                }

                consumerMethod = consumerMethod.WithBody(consumerMethod.Body!.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(moved)));
                root = root.InsertNodesAfter(currentMethod, new SyntaxNode[]
                {
                    Member(consumerMethod),
                    Member(intent),
                });

                foreach (var type in types)
                {
                    if (root.GetCurrentNode(type) is { } current && !current.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        root = root.ReplaceNode(current, MakePartial(current));
                    }
                }

                if (!json.IsEmpty && root.GetCurrentNode(json.Context!) is { } context)
                {
                    root = root.ReplaceNode(context, IdempotentGeneratorPreconditions.AddJsonSerializable(context, json.Types));
                }

                return root;
            }

            private MemberDeclarationSyntax Member(MemberDeclarationSyntax member)
                => member
                    .WithLeadingTrivia(member.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(newLine)))
                    .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
                    .WithAdditionalAnnotations(Formatter.Annotation);

            private static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
            {
                var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                if (type.Modifiers.Count == 0)
                {
                    // The keyword's leading trivia (indentation, comments, doc comments) moves to the new first token.
                    var keyword = type.Keyword;
                    return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
                }

                return type.WithModifiers(type.Modifiers.Add(partial));
            }

            private T Parse<T>(string text, Func<string, T> parse)
                where T : SyntaxNode
                => FixerSyntax.Parse(text.Replace("\n", newLine), parse, IdempotentType, IdempotencyKeyType, IntentType, GuidType, TaskType);
        }
    }
}
