using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The message-handler catalogue of one compilation (RULES.md §1.2): which methods a broker calls with
    /// at-least-once delivery, and of what kind.
    /// <list type="bullet">
    /// <item><see cref="GetOrCreate"/> returns the catalogue of a compilation, created once (cached per compilation) and
    /// shared by every rule; the framework types of <see cref="WellKnownHandlers"/> are resolved then, once.</item>
    /// <item><see cref="IsEmpty"/> is true when the compilation references no handler framework, no marker attribute
    /// and lists no handler method: a rule registers nothing then.</item>
    /// <item><see cref="TryGetHandler"/> answers for a method symbol (source or metadata; cached, thread-safe): Lambda
    /// handlers by event parameter type, interface implementations (implicit and explicit), overrides of handler base
    /// methods, attributes (<c>[CapSubscribe]</c>, <c>[Consistency.MessageHandler]</c>, also on the method overridden or
    /// implemented), Wolverine's conventions, SQS polling background services, and the methods listed in
    /// <c>consistency.handler_methods</c>. The answer says the kind, whether it is a batch, and which parameter carries
    /// the event.</item>
    /// </list>
    /// </summary>
    internal sealed class HandlerCatalogue
    {
        private static readonly ConditionalWeakTable<Compilation, HandlerCatalogue> Cache = new();

        /// <summary>How deep type arguments are searched for a received type (<c>Task&lt;List&lt;Message&gt;&gt;</c> is two).</summary>
        private const int MaxTypeNesting = 4;

        private readonly Compilation compilation;
        private readonly Dictionary<INamedTypeSymbol, HandlerKind> lambdaEvents;
        private readonly Dictionary<INamedTypeSymbol, List<(string Method, HandlerKind Kind, int Parameter)>> interfaces;
        private readonly Dictionary<INamedTypeSymbol, List<(string Method, HandlerKind Kind, int Parameter)>> overrides;
        private readonly Dictionary<INamedTypeSymbol, HandlerKind> attributes;
        private readonly HashSet<IMethodSymbol> configured;
        private readonly WolverineSymbols? wolverine;
        private readonly INamedTypeSymbol? backgroundService;
        private readonly HashSet<IMethodSymbol> receives;
        private readonly HashSet<INamedTypeSymbol> receivedTypes;
        private readonly ConcurrentDictionary<SyntaxTree, int[]> receiveMentions = new();
        private readonly ConcurrentDictionary<SyntaxTree, int[]> helperMentions = new();
        private readonly object helperLock = new();
        private string[]? receiveHelperNames;
        private int bodiesReadForReceives;
        private readonly ConcurrentDictionary<IMethodSymbol, MessageHandler?> cache;
        private readonly Func<IMethodSymbol, MessageHandler?> classify;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> typesImplementingHandlers = new(SymbolEqualityComparer.Default);

        private HandlerCatalogue(Compilation compilation, AnalyzerOptions? options)
        {
            this.compilation = compilation;
            cache = CacheCapacity.Create<IMethodSymbol, MessageHandler?>(CacheCapacity.PerTree(compilation, 16), SymbolEqualityComparer.Default);
            classify = Classify;
            lambdaEvents = new Dictionary<INamedTypeSymbol, HandlerKind>(SymbolEqualityComparer.Default);
            foreach (var (name, kind) in WellKnownHandlers.LambdaEvents)
            {
                if (compilation.GetBestTypeByMetadataName(name) is { } type)
                {
                    lambdaEvents[type] = kind;
                }
            }

            interfaces = ResolveRows(compilation, WellKnownHandlers.Interfaces);
            overrides = ResolveRows(compilation, WellKnownHandlers.Overrides);
            attributes = new Dictionary<INamedTypeSymbol, HandlerKind>(SymbolEqualityComparer.Default);
            foreach (var (name, kind) in WellKnownHandlers.Attributes)
            {
                if (compilation.GetBestTypeByMetadataName(name) is { } type)
                {
                    attributes[type] = kind;
                }
            }

            if (compilation.GetBestTypeByMetadataName(WellKnownHandlers.Wolverine.Anchor) is not null)
            {
                wolverine = new WolverineSymbols(
                    compilation.GetBestTypeByMetadataName(WellKnownHandlers.Wolverine.HandlerInterface),
                    compilation.GetBestTypeByMetadataName(WellKnownHandlers.Wolverine.Saga),
                    compilation.GetBestTypeByMetadataName(WellKnownHandlers.Wolverine.HandlerAttribute),
                    compilation.GetBestTypeByMetadataName(WellKnownHandlers.Wolverine.IgnoreAttribute));
            }

            // A polling method needs only the SQS client; a polling service also BackgroundService.
            receives = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            receivedTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            backgroundService = compilation.GetBestTypeByMetadataName(WellKnownHandlers.PollingService.BaseType);
            foreach (var (client, method) in WellKnownHandlers.PollingService.Receives)
            {
                if (compilation.GetBestTypeByMetadataName(client) is not { } clientType)
                {
                    continue;
                }

                foreach (var member in clientType.GetMembers(method))
                {
                    if (member is IMethodSymbol receive)
                    {
                        receives.Add(receive.OriginalDefinition);
                    }
                }
            }

            if (receives.Count > 0)
            {
                foreach (var name in WellKnownHandlers.PollingService.ReceivedTypes)
                {
                    if (compilation.GetBestTypeByMetadataName(name) is { } type)
                    {
                        receivedTypes.Add(type);
                    }
                }
            }

            configured = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var entry in ReadConfiguredEntries(compilation, options))
            {
                foreach (var method in EffectCatalogue.ResolveMethods(compilation, entry, compilation.GetBestTypeByMetadataName))
                {
                    configured.Add(method.OriginalDefinition);
                }
            }
        }

        /// <summary>How many method bodies were bound and walked to find a receive: the cost the text test keeps down.</summary>
        public int BodiesReadForReceives => Volatile.Read(ref bodiesReadForReceives);

        /// <summary>True when no method of the compilation can be a handler.</summary>
        public bool IsEmpty => lambdaEvents.Count == 0 && interfaces.Count == 0 && overrides.Count == 0 && attributes.Count == 0
            && configured.Count == 0 && wolverine is null && receives.Count == 0;

        /// <summary>The catalogue of a compilation, created once and shared by every analyzer that asks.</summary>
        public static HandlerCatalogue GetOrCreate(Compilation compilation, AnalyzerOptions? options)
            => Cache.GetValue(compilation, c => new HandlerCatalogue(c, options));

        /// <summary>Whether the method is a message handler, and which.</summary>
        public bool TryGetHandler(IMethodSymbol method, out MessageHandler handler)
        {
            handler = default;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation) || IsEmpty)
            {
                return false;
            }

            // Every rule asks about every method it analyses. A hit neither locks nor allocates. Most methods can be no
            // handler by any route: those are told apart by facts of the method and its type (which build arrays of
            // public symbols), and kept as "no handler" for the next rule; a miss otherwise uses the one classification
            // delegate of the catalogue instead of a new closure per call.
            var key = method.OriginalDefinition;
            MessageHandler? found;
            if (!cache.TryGetValue(key, out found))
            {
                found = MayBeHandler(key) ? cache.GetOrAdd(key, classify) : cache.GetOrAdd(key, (MessageHandler?)null);
            }

            if (found is { } value)
            {
                handler = value;
                return true;
            }

            return false;
        }

        /// <summary>
        /// False only when no route of <see cref="Classify"/> can apply: no configured handler, not an override or an
        /// explicit implementation, no attribute, no Lambda event parameter or Wolverine handler name, and a type that
        /// implements no handler interface and no interface with a marked member.
        /// </summary>
        private bool MayBeHandler(IMethodSymbol method)
        {
            if (configured.Count > 0 || method.IsOverride || method.MethodKind == MethodKind.ExplicitInterfaceImplementation || !method.GetAttributes().IsEmpty)
            {
                return true;
            }

            // A method's parameters are built as a new array on each read: read once.
            if (method.DeclaredAccessibility == Accessibility.Public && method.Parameters is { Length: > 0 } parameters
                && ((lambdaEvents.Count > 0 && LambdaKind(parameters[0].Type) is not null)
                    || (wolverine is not null && WellKnownHandlers.Wolverine.MethodNames.IndexOf(method.Name) >= 0)))
            {
                return true;
            }

            return (method.ContainingType is { } type && TypeMayImplementHandler(type))
                || (receives.Count > 0 && MentionsReceive(method));
        }

        /// <summary>
        /// Whether the text of the method's declaration names the receive, or a receive helper of the compilation, at
        /// all: the test that keeps the polling-method route from binding every method of the compilation. Each file's
        /// text is searched once, on the first method of that file asked about.
        /// </summary>
        private bool MentionsReceive(IMethodSymbol method)
        {
            var locations = method.Locations;
            if (locations.IsEmpty || locations[0].SourceTree is not { } tree || !Mentions(tree))
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == tree ? MentionsWithin(tree, reference.Span) : Mentions(reference.SyntaxTree))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Mentions(SyntaxTree tree) => MentionsIn(tree).Length > 0 || HelperMentionsIn(tree).Length > 0;

        private bool MentionsWithin(SyntaxTree tree, TextSpan span)
            => SourceTextSearch.AnyWithin(MentionsIn(tree), span) || SourceTextSearch.AnyWithin(HelperMentionsIn(tree), span);

        private int[] MentionsIn(SyntaxTree tree)
            => receiveMentions.TryGetValue(tree, out var known)
                ? known
                : receiveMentions.GetOrAdd(tree, SourceTextSearch.FindAll(tree.GetText(), WellKnownHandlers.PollingService.ReceiveWord, CancellationToken.None));

        private int[] HelperMentionsIn(SyntaxTree tree)
        {
            var names = ReceiveHelperNames();
            if (names.Length == 0)
            {
                return Array.Empty<int>();
            }

            return helperMentions.TryGetValue(tree, out var known) ? known : helperMentions.GetOrAdd(tree, SourceTextSearch.FindAll(tree.GetText(), names, CancellationToken.None));
        }

        /// <summary>
        /// The names of the compilation's receive helpers: methods whose declaration names the receive (or, up to the
        /// polling depth, another receive helper) and whose return type holds what was received. Their callers process the
        /// messages without naming the receive. Found once, from the files that name the receive.
        /// </summary>
        private string[] ReceiveHelperNames()
        {
            var names = Volatile.Read(ref receiveHelperNames);
            if (names is not null)
            {
                return names;
            }

            lock (helperLock)
            {
                names = receiveHelperNames ?? FindReceiveHelperNames();
                Volatile.Write(ref receiveHelperNames, names);
                return names;
            }
        }

        private string[] FindReceiveHelperNames()
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            string[] words = { WellKnownHandlers.PollingService.ReceiveWord };
            for (int round = 0; round < WellKnownHandlers.PollingService.MaxDepth && words.Length > 0; round++)
            {
                var next = new List<string>();
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var positions = round == 0 ? MentionsIn(tree) : SourceTextSearch.FindAll(tree.GetText(), words, CancellationToken.None);
                    if (positions.Length > 0)
                    {
                        AddHelpersAt(tree, positions, found, next);
                    }
                }

                words = next.ToArray();
            }

            var names = new string[found.Count];
            found.CopyTo(names);
            return names;
        }

        private void AddHelpersAt(SyntaxTree tree, int[] positions, HashSet<string> found, List<string> added)
        {
            var root = tree.GetRoot();
            SemanticModel? model = null;
            MethodDeclarationSyntax? previous = null;
            foreach (int position in positions)
            {
                if (root.FindToken(position).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration || declaration == previous)
                {
                    continue;
                }

                previous = declaration;
#pragma warning disable RS1030 // A declared symbol only (no body is bound); the driver caches semantic models per tree.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(declaration) is IMethodSymbol method && ReturnsReceived(method.ReturnType, depth: 0) && found.Add(method.Name))
                {
                    added.Add(method.Name);
                }
            }
        }

        /// <summary>Whether the type implements a handler interface, or an interface with a member marked as a handler (cached per type).</summary>
        private bool TypeMayImplementHandler(INamedTypeSymbol type)
        {
            type = type.OriginalDefinition;
            return typesImplementingHandlers.TryGetValue(type, out bool known) ? known : typesImplementingHandlers.GetOrAdd(type, ImplementsHandlerInterface(type));
        }

        private bool ImplementsHandlerInterface(INamedTypeSymbol type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (interfaces.ContainsKey(@interface.OriginalDefinition))
                {
                    return true;
                }

                if (attributes.Count > 0)
                {
                    foreach (var member in @interface.OriginalDefinition.GetMembers())
                    {
                        if (member is IMethodSymbol interfaceMethod && MarkedKind(interfaceMethod) is not null)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private MessageHandler? Classify(IMethodSymbol method)
        {
            // Explicit declarations first: the user said so.
            if (configured.Count > 0 && FindInHierarchy(method, m => configured.Contains(m)) is not null)
            {
                return new MessageHandler(HandlerKind.Configured, FirstParameter(method));
            }

            if (attributes.Count > 0 && AttributeKind(method) is { } marked)
            {
                return new MessageHandler(marked, FirstParameter(method));
            }

            if (lambdaEvents.Count > 0 && method.DeclaredAccessibility == Accessibility.Public && method.Parameters.Length > 0
                && LambdaKind(method.Parameters[0].Type) is { } lambda)
            {
                return new MessageHandler(lambda, method.Parameters[0]);
            }

            if (overrides.Count > 0 && method.IsOverride)
            {
                for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (overridden.ContainingType is { } baseType
                        && overrides.TryGetValue(baseType.OriginalDefinition, out var rows)
                        && Match(rows, overridden.Name) is { } row)
                    {
                        return new MessageHandler(row.Kind, ParameterAt(method, row.Parameter));
                    }
                }
            }

            if (interfaces.Count > 0 && method.ContainingType is { } containing)
            {
                foreach (var @interface in containing.AllInterfaces)
                {
                    if (!interfaces.TryGetValue(@interface.OriginalDefinition, out var rows))
                    {
                        continue;
                    }

                    foreach (var (name, kind, parameter) in rows)
                    {
                        foreach (var member in @interface.GetMembers(name))
                        {
                            if (member is IMethodSymbol interfaceMethod && Implements(containing, interfaceMethod, method))
                            {
                                return new MessageHandler(kind, ParameterAt(method, parameter));
                            }
                        }
                    }
                }
            }

            if (wolverine is not null && IsWolverineHandler(method, wolverine))
            {
                return new MessageHandler(HandlerKind.Wolverine, FirstParameter(method));
            }

            if (backgroundService is not null && receives.Count > 0 && IsPollingService(method))
            {
                return new MessageHandler(HandlerKind.SqsPollingService, null);
            }

            if (receives.Count > 0 && IsPollingMethod(method))
            {
                return new MessageHandler(HandlerKind.SqsPollingMethod, null);
            }

            return null;
        }

        private static bool Implements(INamedTypeSymbol type, IMethodSymbol interfaceMethod, IMethodSymbol method)
        {
            var implementation = type.FindImplementationForInterfaceMember(interfaceMethod) as IMethodSymbol;
            if (implementation is null)
            {
                return false;
            }

            // An override of the implementing virtual method implements the interface too.
            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, current.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private HandlerKind? LambdaKind(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (lambdaEvents.TryGetValue(current.OriginalDefinition, out var kind))
                {
                    return kind;
                }
            }

            return null;
        }

        private HandlerKind? AttributeKind(IMethodSymbol method)
            => FindInHierarchy(method, m => MarkedKind(m) is not null) is { } marked ? MarkedKind(marked.OriginalDefinition) : null;

        private HandlerKind? MarkedKind(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (attributes.TryGetValue(type, out var found))
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        /// <summary>The method, the methods it overrides, and the interface methods it implements: the first that matches (a predicate without side effects).</summary>
        private static IMethodSymbol? FindInHierarchy(IMethodSymbol method, Func<IMethodSymbol, bool> predicate)
        {
            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                if (predicate(current.OriginalDefinition))
                {
                    return current;
                }
            }

            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (predicate(implemented.OriginalDefinition))
                {
                    return implemented;
                }
            }

            if (method.MethodKind == MethodKind.Ordinary && !method.IsStatic && method.ContainingType is { } type)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    foreach (var member in @interface.GetMembers(method.Name))
                    {
                        // The predicate first: finding an interface member's implementation costs more, and most members match nothing.
                        if (member is IMethodSymbol interfaceMethod
                            && predicate(interfaceMethod.OriginalDefinition)
                            && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method.OriginalDefinition))
                        {
                            return interfaceMethod;
                        }
                    }
                }
            }

            return null;
        }

        private static bool IsWolverineHandler(IMethodSymbol method, WolverineSymbols symbols)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.Parameters.Length == 0
                || method.ContainingType is not { TypeKind: TypeKind.Class } type || !IsPublic(type)
                || HasAttribute(method, symbols.IgnoreAttribute) || HasAttribute(type, symbols.IgnoreAttribute))
            {
                return false;
            }

            bool methodMarked = HasAttribute(method, symbols.HandlerAttribute);
            if (!methodMarked && WellKnownHandlers.Wolverine.MethodNames.IndexOf(method.Name) < 0)
            {
                return false;
            }

            if (methodMarked || HasAttribute(type, symbols.HandlerAttribute))
            {
                return true;
            }

            foreach (var suffix in WellKnownHandlers.Wolverine.TypeSuffixes)
            {
                if (type.Name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (symbols.HandlerInterface is { } marker)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(@interface, marker))
                    {
                        return true;
                    }
                }
            }

            if (symbols.Saga is { } saga)
            {
                for (var current = type.BaseType; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, saga))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsPollingService(IMethodSymbol method)
        {
            if (!method.IsOverride || method.Name != WellKnownHandlers.PollingService.Method)
            {
                return false;
            }

            bool overridesExecute = false;
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                overridesExecute |= SymbolEqualityComparer.Default.Equals(overridden.ContainingType?.OriginalDefinition, backgroundService);
            }

            return overridesExecute && ReachesReceive(method, WellKnownHandlers.PollingService.MaxDepth, WellKnownHandlers.PollingService.MaxDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));
        }

        /// <summary>
        /// A method that receives from SQS in its own body (or its lambdas and local functions), or calls a receive
        /// helper there, and uses what it got, other than by returning it: it processes the messages, so it is where they
        /// are delivered again. A helper that returns the response or the messages is not; its caller processes them.
        /// </summary>
        private bool IsPollingMethod(IMethodSymbol method)
            => MentionsReceive(method) && !ReturnsReceived(method.ReturnType, depth: 0)
                && ReachesReceive(method, depth: 0, WellKnownHandlers.PollingService.MaxDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

        /// <summary>Whether the type is, or holds as a type argument or element, the receive's response or its message type.</summary>
        private bool ReturnsReceived(ITypeSymbol type, int depth)
        {
            if (depth > MaxTypeNesting)
            {
                return false;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return ReturnsReceived(array.ElementType, depth + 1);
                case INamedTypeSymbol named:
                    if (receivedTypes.Contains(named.OriginalDefinition))
                    {
                        return true;
                    }

                    foreach (var argument in named.TypeArguments)
                    {
                        if (ReturnsReceived(argument, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether the body (or the bodies of methods of the compilation it calls, up to <paramref name="depth"/> calls
        /// deep) receives from SQS and uses what it got. A receive helper whose result the body uses is followed up to
        /// <paramref name="helperDepth"/> helpers deep, whatever the depth. A method on the way that is a polling method
        /// itself is not followed: it is the handler of what it receives.
        /// </summary>
        private bool ReachesReceive(IMethodSymbol method, int depth, int helperDepth, HashSet<IMethodSymbol> visited)
        {
            if (!visited.Add(method.OriginalDefinition))
            {
                return false;
            }

            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(CancellationToken.None);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

#pragma warning disable RS1030 // Reading a callee's body: the driver caches semantic models per tree, so this does not rebind.
                var model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                Interlocked.Increment(ref bodiesReadForReceives);
                if (model.GetOperation(syntax) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is not IInvocationOperation { TargetMethod: { } target } invocation)
                    {
                        continue;
                    }

                    if (receives.Contains(target.OriginalDefinition))
                    {
                        if (IsResultUsed(invocation))
                        {
                            return true;
                        }
                    }
                    else if (helperDepth > 0 && IsReceiveHelper(target) && IsResultUsed(invocation)
                        && ReachesReceive(target, depth: 0, helperDepth - 1, visited))
                    {
                        return true;
                    }
                    else if (depth > 0 && !target.DeclaringSyntaxReferences.IsEmpty && !IsPollingMethodHandler(target)
                        && ReachesReceive(target, depth - 1, helperDepth, visited))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A method of the compilation that returns what it received (its own body decides whether it receives).</summary>
        private bool IsReceiveHelper(IMethodSymbol method)
            => !method.DeclaringSyntaxReferences.IsEmpty && ReturnsReceived(method.ReturnType, depth: 0);

        private bool IsPollingMethodHandler(IMethodSymbol method)
            => TryGetHandler(method, out var handler) && handler.Kind == HandlerKind.SqsPollingMethod;

        /// <summary>A receive whose response is discarded (a health probe) delivers nothing to process.</summary>
        private static bool IsResultUsed(IInvocationOperation invocation)
        {
            IOperation current = invocation;
            while (current.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent is not (IExpressionStatementOperation or IDiscardOperation)
                && !(current.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation });
        }

        private static IParameterSymbol? FirstParameter(IMethodSymbol method) => ParameterAt(method, 0);

        private static IParameterSymbol? ParameterAt(IMethodSymbol method, int index)
            => index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;

        private static (string Method, HandlerKind Kind, int Parameter)? Match(List<(string Method, HandlerKind Kind, int Parameter)> rows, string name)
        {
            foreach (var row in rows)
            {
                if (row.Method == name)
                {
                    return row;
                }
            }

            return null;
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, attributeType))
                    {
                        return true;
                    }
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

        private static Dictionary<INamedTypeSymbol, List<(string Method, HandlerKind Kind, int Parameter)>> ResolveRows(
            Compilation compilation,
            System.Collections.Immutable.ImmutableArray<(string Type, string Method, HandlerKind Kind, int Parameter)> rows)
        {
            var result = new Dictionary<INamedTypeSymbol, List<(string, HandlerKind, int)>>(SymbolEqualityComparer.Default);
            foreach (var (typeName, method, kind, parameter) in rows)
            {
                if (compilation.GetBestTypeByMetadataName(typeName) is not { } type)
                {
                    continue;
                }

                if (!result.TryGetValue(type, out var list))
                {
                    result[type] = list = new List<(string, HandlerKind, int)>();
                }

                list.Add((method, kind, parameter));
            }

            return result;
        }

        private static IEnumerable<string> ReadConfiguredEntries(Compilation compilation, AnalyzerOptions? options)
        {
            if (options is null)
            {
                yield break;
            }

            var provider = options.AnalyzerConfigOptionsProvider;
            var seen = new HashSet<AnalyzerConfigOptions>();
            var entries = new HashSet<string>(StringComparer.Ordinal);
            var sources = new List<AnalyzerConfigOptions> { provider.GlobalOptions };
            foreach (var tree in compilation.SyntaxTrees)
            {
                sources.Add(provider.GetOptions(tree));
            }

            foreach (var config in sources)
            {
                if (seen.Add(config) && config.TryGetValue(HandlerOptionNames.HandlerMethods, out var value))
                {
                    foreach (var entry in EffectOptions.Split(value))
                    {
                        if (entries.Add(entry))
                        {
                            yield return entry;
                        }
                    }
                }
            }
        }

        private sealed class WolverineSymbols
        {
            public WolverineSymbols(INamedTypeSymbol? handlerInterface, INamedTypeSymbol? saga, INamedTypeSymbol? handlerAttribute, INamedTypeSymbol? ignoreAttribute)
            {
                HandlerInterface = handlerInterface;
                Saga = saga;
                HandlerAttribute = handlerAttribute;
                IgnoreAttribute = ignoreAttribute;
            }

            public INamedTypeSymbol? HandlerInterface { get; }

            public INamedTypeSymbol? Saga { get; }

            public INamedTypeSymbol? HandlerAttribute { get; }

            public INamedTypeSymbol? IgnoreAttribute { get; }
        }
    }
}
