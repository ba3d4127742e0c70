using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Consistency.Analyzers.Rules;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0002 fixes: (a) mark the handler <c>[Idempotent("type.method")]</c>, with <c>[IdempotencyKey]</c> on the message
    /// id parameter or member where there is one, and make the containing types partial (the generator needs it) —
    /// offered only where the generator then accepts the method (<see cref="IdempotentGeneratorPreconditions"/>): a
    /// supported signature, an <c>IdempotencyHandler</c> member, and JSON metadata for what the wrapper serialises,
    /// which the fix adds to a <c>JsonSerializerContext</c> of the same file when one is missing;
    /// (b) check the runtime's inbox first and return for a processed message, then mark it processed at the end —
    /// offered when the type has an <c>IInbox</c> and the handler's message id is known; in a handler that loops over its
    /// messages (an SQS polling loop, a Lambda batch), the same check per message (<see cref="PerMessageInboxPlan"/>). Fix All runs per document
    /// with one editor, so that several handlers of one type make it partial once.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonIdempotentHandlerFixer)), Shared]
    public sealed partial class NonIdempotentHandlerFixer : CodeFixProvider
    {
        internal const string IdempotentKey = RuleIdentifiers.NonIdempotentHandler + ".Idempotent";
        internal const string InboxKey = RuleIdentifiers.NonIdempotentHandler + ".Inbox";

        private const string IdempotentAttribute = "Consistency.IdempotentAttribute";
        private const string InboxInterface = "Consistency.Runtime.Inbox.IInbox";
        private static readonly string[] MessageIdNames = { "messageId", "eventId", "id" };

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.NonIdempotentHandler);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey == InboxKey, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindMethod(root, diagnostic) is not { } method)
                {
                    continue;
                }

                if (IdempotentPlan.Create(method, diagnostic, model, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Mark the handler [Idempotent] with a key from the message",
                            ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), inbox: false, ct),
                            IdempotentKey),
                        diagnostic);
                }

                if (InboxPlan.Create(method, diagnostic, model, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Check the inbox before the handler's effects",
                            ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), inbox: true, ct),
                            InboxKey),
                        diagnostic);
                }
                else if (PerMessageInboxPlan.Create(method, diagnostic, model, context.CancellationToken) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Check the inbox for each message",
                            ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), inbox: true, ct),
                            InboxKey),
                        diagnostic);
                }
            }
        }

        private static MethodDeclarationSyntax? FindMethod(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, bool inbox, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;
            var done = new HashSet<MethodDeclarationSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (FindMethod(root, diagnostic) is not { } method || !done.Add(method))
                {
                    continue;
                }

                if (inbox)
                {
                    if (InboxPlan.Create(method, diagnostic, model, cancellationToken) is { } plan)
                    {
                        editor.ReplaceNode(method, (current, _) => plan.Apply((MethodDeclarationSyntax)current));
                    }
                    else if (PerMessageInboxPlan.Create(method, diagnostic, model, cancellationToken) is { } perMessage)
                    {
                        editor.ReplaceNode(perMessage.Loop, (current, _) => perMessage.Apply(current));
                    }
                }
                else
                {
                    MarkIdempotent(editor, method, diagnostic, model, cancellationToken);
                }
            }

            var changed = editor.GetChangedDocument();
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // (a) [Idempotent] -------------------------------------------------------------------------------------------

        /// <summary>What fix (a) changes for one handler, when the generator will accept the result.</summary>
        private sealed record IdempotentPlan(IMethodSymbol Symbol, SyntaxNode? KeyTarget, JsonAdditions Json)
        {
            public static IdempotentPlan? Create(MethodDeclarationSyntax method, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
            {
                // A Lambda batch is no unit of delivery: a message delivered again comes in another batch (and a retry after
                // a partial batch failure starts at the failed record), so a key for the whole batch would not recognise it.
                // A poll is no delivery at all: its parameters (a queue URL) are the same on every poll, so a key from them
                // would stop the worker after its first poll. Those handlers get the inbox check per message instead.
                if (HasNoMessageKey(diagnostic)
                    || model.Compilation.GetBestTypeByMetadataName(IdempotentAttribute) is null
                    || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
                    || !IdempotentGeneratorPreconditions.IsSupportedSignature(symbol)
                    || !IdempotentGeneratorPreconditions.HasHandler(symbol.ContainingType, symbol.IsStatic)
                    || !IdempotentGeneratorPreconditions.IsWrapperNameFree(symbol.ContainingType, symbol.Name))
                {
                    return null;
                }

                var target = FindKeyTarget(method, symbol, diagnostic, model, cancellationToken);
                var keyParameter = target is ParameterSyntax parameterSyntax ? model.GetDeclaredSymbol(parameterSyntax, cancellationToken) : null;
                var keyProperty = target is PropertyDeclarationSyntax propertySyntax ? model.GetDeclaredSymbol(propertySyntax, cancellationToken) : null;
                var payload = new List<IdempotentParameter>();
                foreach (var parameter in symbol.Parameters)
                {
                    if (!IdempotentGeneratorPreconditions.IsPayload(parameter.Type))
                    {
                        continue;
                    }

                    bool isKey = SymbolEqualityComparer.Default.Equals(parameter, keyParameter) || IdempotentGeneratorPreconditions.HasKeyAttribute(parameter);
                    int members = IdempotentGeneratorPreconditions.KeyMemberCount(parameter.Type) + (keyProperty is not null && InChain(parameter.Type, keyProperty.ContainingType) ? 1 : 0);
                    payload.Add(new IdempotentParameter(parameter.Type, isKey, members));
                }

                var needs = IdempotentGeneratorPreconditions.JsonNeeds(IdempotentGeneratorPreconditions.ResultType(symbol), payload);
                var json = needs is null ? null : IdempotentGeneratorPreconditions.PlanJson(model.Compilation, model.SyntaxTree, needs, cancellationToken);
                return json is null ? null : new IdempotentPlan(symbol, target, json);
            }

            private static bool HasNoMessageKey(Diagnostic diagnostic)
                => diagnostic.Properties.TryGetValue(NonIdempotentHandlerAnalyzer.HandlerKindProperty, out var kind)
                    && Enum.TryParse<HandlerKind>(kind, out var parsed)
                    && (parsed.IsBatch() || parsed.IsPolling());

            private static bool InChain(ITypeSymbol type, INamedTypeSymbol owner)
            {
                for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, owner))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private static void MarkIdempotent(DocumentEditor editor, MethodDeclarationSyntax method, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
        {
            if (IdempotentPlan.Create(method, diagnostic, model, cancellationToken) is not { } plan)
            {
                return;
            }

            var symbol = plan.Symbol;

            string name = Kebab(symbol.ContainingType.Name) + "." + Kebab(method.Identifier.ValueText);
            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("Consistency.Idempotent").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.ParseAttributeArgumentList("(" + SyntaxFactory.Literal(name).ToFullString() + ")"));
            editor.AddAttribute(method, SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithAdditionalAnnotations(Formatter.Annotation));

            foreach (var type in method.Ancestors().OfType<TypeDeclarationSyntax>())
            {
                editor.ReplaceNode(type, (current, _) =>
                {
                    var declaration = (TypeDeclarationSyntax)current;
                    return declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                        ? declaration
                        : declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword));
                });
            }

            if (plan.Json.Context is { } jsonContext && plan.Json.Types.Count > 0)
            {
                editor.ReplaceNode(jsonContext, (current, _) => IdempotentGeneratorPreconditions.AddJsonSerializable((ClassDeclarationSyntax)current, plan.Json.Types));
            }

            if (plan.KeyTarget is { } target)
            {
                var key = SyntaxFactory.Attribute(SyntaxFactory.ParseName("Consistency.IdempotencyKey").WithAdditionalAnnotations(Simplifier.Annotation));
                var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(key));
                if (target is ParameterSyntax)
                {
                    editor.ReplaceNode(target, (current, _) => ((ParameterSyntax)current).AddAttributeLists(list.WithTrailingTrivia(SyntaxFactory.Space)));
                }
                else
                {
                    editor.AddAttribute(target, list.WithAdditionalAnnotations(Formatter.Annotation));
                }
            }
        }

        /// <summary>
        /// A parameter named like a message id, else a <c>MessageId</c>/<c>EventId</c>/<c>Id</c> property of the message
        /// parameter's own type declared in this document, public or internal: the members the generator reads a key
        /// from (a message inside an envelope such as <c>ConsumeContext&lt;T&gt;</c> is not one of them).
        /// </summary>
        private static SyntaxNode? FindKeyTarget(MethodDeclarationSyntax method, IMethodSymbol symbol, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var parameter in method.ParameterList.Parameters)
            {
                foreach (var name in MessageIdNames)
                {
                    if (string.Equals(parameter.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return parameter;
                    }
                }
            }

            diagnostic.Properties.TryGetValue(NonIdempotentHandlerAnalyzer.EventParameterProperty, out var parameterName);
            var eventParameter = symbol.Parameters.FirstOrDefault(p => p.Name == parameterName);
            if (eventParameter?.Type is not INamedTypeSymbol messageType)
            {
                return null;
            }

            foreach (var name in new[] { "MessageId", "EventId", "Id" })
            {
                foreach (var member in messageType.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } property)
                    {
                        foreach (var reference in property.DeclaringSyntaxReferences)
                        {
                            if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax declaration)
                            {
                                return declaration;
                            }
                        }
                    }
                }
            }

            return null;
        }

        private static string Kebab(string name)
        {
            var builder = new StringBuilder(name.Length + 8);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsUpper(c))
                {
                    if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    {
                        builder.Append('-');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else if (char.IsLetterOrDigit(c))
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        // (b) inbox --------------------------------------------------------------------------------------------------

        /// <summary>The field or property of the handler's type (or a base) that holds an inbox.</summary>
        private static string? FindInbox(INamedTypeSymbol type, INamedTypeSymbol inboxType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                        IPropertySymbol property => property.Type,
                        _ => null,
                    };

                    if (memberType is not null && (SymbolEqualityComparer.Default.Equals(memberType, inboxType) || memberType.AllInterfaces.Contains(inboxType, SymbolEqualityComparer.Default)))
                    {
                        return member.Name;
                    }
                }
            }

            return null;
        }

        /// <summary>The name of the first <c>CancellationToken</c> parameter, if any.</summary>
        private static string? FirstCancellationToken(ImmutableArray<IParameterSymbol> parameters)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.Type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } })
                {
                    return parameter.Name;
                }
            }

            return null;
        }

        /// <summary>What the inbox fix inserts into one handler: the inbox member, the message id, the token, the early return.</summary>
        private sealed class InboxPlan
        {
            private readonly string inbox;
            private readonly string messageId;
            private readonly string token;
            private readonly string? duplicateResult;

            private InboxPlan(string inbox, string messageId, string token, string? duplicateResult)
            {
                this.inbox = inbox;
                this.messageId = messageId;
                this.token = token;
                this.duplicateResult = duplicateResult;
            }

            public static InboxPlan? Create(MethodDeclarationSyntax method, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
            {
                if (model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
                    || model.Compilation.GetBestTypeByMetadataName(InboxInterface) is not { } inboxType
                    || FindInbox(symbol.ContainingType, inboxType) is not { } inbox
                    || !Enum.TryParse<HandlerKind>(diagnostic.Properties.TryGetValue(NonIdempotentHandlerAnalyzer.HandlerKindProperty, out var kindText) ? kindText : null, out var kind))
                {
                    return null;
                }

                diagnostic.Properties.TryGetValue(NonIdempotentHandlerAnalyzer.EventParameterProperty, out var message);
                string? second = symbol.Parameters.Length > 1 ? symbol.Parameters[1].Name : null;
                string? messageId = kind switch
                {
                    HandlerKind.MassTransit when message is not null => message + ".MessageId.ToString()",
                    HandlerKind.NServiceBus when second is not null => second + ".MessageId",
                    HandlerKind.AwsMessaging when message is not null => message + ".Id",
                    HandlerKind.JustSaying when message is not null => message + ".Id.ToString()",
                    HandlerKind.LambdaEventBridge when message is not null => message + ".Id",

                    // A poll's parameters name no message (an "id" there is the worker's or the queue's): checked per message.
                    _ when kind.IsPolling() => null,
                    _ => symbol.Parameters.FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String && MessageIdNames.Any(n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase)))?.Name,
                };

                if (messageId is null || !ReturnsTask(symbol, out var result) || !(symbol.IsAsync || method.ExpressionBody is not null))
                {
                    return null;
                }

                string? duplicateResult = null;
                if (result is not null)
                {
                    duplicateResult = result.ToDisplayString() switch
                    {
                        "AWS.Messaging.MessageProcessStatus" => "AWS.Messaging.MessageProcessStatus.Success()",
                        "bool" => "true",
                        _ => null,
                    };

                    if (duplicateResult is null)
                    {
                        return null;
                    }
                }

                var cancellation = FirstCancellationToken(symbol.Parameters);
                string token = cancellation ?? kind switch
                {
                    HandlerKind.MassTransit => message + ".CancellationToken",
                    HandlerKind.NServiceBus => second + ".CancellationToken",
                    _ => "default",
                };

                return new InboxPlan(inbox, messageId, token, duplicateResult);
            }

            public MethodDeclarationSyntax Apply(MethodDeclarationSyntax method)
            {
                var statements = new List<StatementSyntax>();
                bool returnsValue = duplicateResult is not null;
                string check = $"if (await {inbox}.CheckAsync({messageId}, null, {token}) != Consistency.Runtime.Inbox.InboxDecision.Accepted)\n{{\n    return{(returnsValue ? " " + duplicateResult : string.Empty)};\n}}\n";
                // A blank line between the check and the handler's own statements, whatever trivia they carry.
                statements.Add(Annotate(SyntaxFactory.ParseStatement(check)).WithTrailingTrivia(SyntaxFactory.LineFeed, SyntaxFactory.LineFeed));

                IEnumerable<StatementSyntax> body;
                if (method.Body is { } block)
                {
                    body = block.Statements;
                }
                else
                {
                    var expression = method.ExpressionBody!.Expression;
                    bool isAwait = expression is AwaitExpressionSyntax;
                    var awaited = isAwait ? expression : SyntaxFactory.AwaitExpression(expression.WithoutTrivia());
                    StatementSyntax statement = returnsValue ? SyntaxFactory.ReturnStatement(awaited) : SyntaxFactory.ExpressionStatement((ExpressionSyntax)awaited);
                    body = new[] { statement.WithoutLeadingTrivia().WithTrailingTrivia(SyntaxFactory.LineFeed) };
                }

                var list = body.ToList();
                var mark = Annotate(SyntaxFactory.ParseStatement($"await {inbox}.TryMarkProcessedAsync({messageId}, null, {token});\n"));
                var last = list.Count > 0 ? list[list.Count - 1] : null;
                if (last is ReturnStatementSyntax)
                {
                    list.Insert(list.Count - 1, mark);
                }
                else if (last is not ThrowStatementSyntax)
                {
                    list.Add(mark);
                }

                statements.AddRange(list);
                var newBody = SyntaxFactory.Block(statements).WithAdditionalAnnotations(Formatter.Annotation);
                var result = method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(newBody);
                if (!result.Modifiers.Any(SyntaxKind.AsyncKeyword))
                {
                    result = result.AddModifiers(SyntaxFactory.Token(SyntaxKind.AsyncKeyword));
                }

                return result.WithAdditionalAnnotations(Formatter.Annotation);
            }

            private static StatementSyntax Annotate(StatementSyntax statement)
                => statement.WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

            private static bool ReturnsTask(IMethodSymbol method, out ITypeSymbol? result)
            {
                result = null;
                if (method.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks" } } task)
                {
                    return false;
                }

                if (task.Arity == 1)
                {
                    result = task.TypeArguments[0];
                }

                return true;
            }
        }
    }
}
