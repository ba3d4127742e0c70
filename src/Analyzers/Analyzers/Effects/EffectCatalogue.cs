using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// The effect catalogue resolved for one compilation: the built-in rows whose types exist, the user's configured
    /// methods, the marker attributes and the wrapper conventions. Classifying a method symbol is cached (thread-safe);
    /// argument conditions are evaluated per invocation. Shared by every rule through <see cref="GetOrCreate"/>.
    /// </summary>
    internal sealed class EffectCatalogue
    {
        private const string WritesDatabaseAttribute = "Consistency.WritesDatabaseAttribute";
        private const string PublishesMessagesAttribute = "Consistency.PublishesMessagesAttribute";
        private const string CapPublisher = "DotNetCore.CAP.ICapPublisher";

        private static readonly ConditionalWeakTable<Compilation, EffectCatalogue> Cache = new();

        private static readonly EffectRule PublisherTransactionRule = new(
            CapPublisher, ImmutableArray.Create("BeginTransaction"), EffectKind.TransactionBegin, "CAP", EffectTraits.EnlistsPublisher);

        private readonly Dictionary<INamedTypeSymbol, Dictionary<string, EffectRule>> rulesByType;
        private readonly Dictionary<ISymbol, EffectRule> rulesByMethod;
        private readonly HashSet<ISymbol> ignored;
        private readonly INamedTypeSymbol? writesDatabase;
        private readonly INamedTypeSymbol? publishesMessages;
        private readonly INamedTypeSymbol? queryable;
        private readonly INamedTypeSymbol? capPublisher;
        private readonly ConcurrentDictionary<IMethodSymbol, Classification> classified;
        private readonly Func<IMethodSymbol, Classification> classify;

        // Whether a type (by its definition) is or implements IQueryable<T>: asked at every call of the LINQ operators
        // that a queryable source turns into a query (ToList, First…), and reading a type's interfaces builds a new array.
        private readonly ConcurrentDictionary<ITypeSymbol, bool> queryableTypes = new(SymbolEqualityComparer.Default);
        private readonly Compilation compilation;
        private readonly object effectNamesLock = new();
        private HashSet<string>? effectNames;

        private EffectCatalogue(
            Compilation compilation,
            Dictionary<INamedTypeSymbol, Dictionary<string, EffectRule>> rulesByType,
            Dictionary<ISymbol, EffectRule> rulesByMethod,
            HashSet<ISymbol> ignored,
            INamedTypeSymbol? writesDatabase,
            INamedTypeSymbol? publishesMessages,
            INamedTypeSymbol? queryable,
            INamedTypeSymbol? capPublisher,
            EffectOptions options)
        {
            this.compilation = compilation;
            this.capPublisher = capPublisher;
            this.rulesByType = rulesByType;
            this.rulesByMethod = rulesByMethod;
            this.ignored = ignored;
            this.writesDatabase = writesDatabase;
            this.publishesMessages = publishesMessages;
            this.queryable = queryable;
            Options = options;
            classified = CacheCapacity.Create<IMethodSymbol, Classification>(CacheCapacity.PerTree(compilation, 8), SymbolEqualityComparer.Default);
            classify = Classify; // one delegate for the catalogue's lifetime, not one per classified call
        }

        public EffectOptions Options { get; }

        /// <summary>True when nothing in the compilation can be an effect: analyzers then register nothing.</summary>
        public bool IsEmpty => rulesByType.Count == 0 && rulesByMethod.Count == 0 && writesDatabase is null && publishesMessages is null && Options.Conventions.IsEmpty;

        /// <summary>The catalogue of a compilation, created once and shared by every analyzer that asks.</summary>
        public static EffectCatalogue GetOrCreate(Compilation compilation, AnalyzerOptions? options)
            => Cache.GetValue(compilation, c => Create(c, options));

        public static EffectCatalogue Create(Compilation compilation, AnalyzerOptions? analyzerOptions)
        {
            var options = EffectOptions.Read(compilation, analyzerOptions);
            var byType = new Dictionary<INamedTypeSymbol, Dictionary<string, EffectRule>>(SymbolEqualityComparer.Default);
            var byMethod = new Dictionary<ISymbol, EffectRule>(SymbolEqualityComparer.Default);
            var types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

            INamedTypeSymbol? Resolve(string metadataName)
            {
                if (!types.TryGetValue(metadataName, out var type))
                {
                    type = compilation.GetBestTypeByMetadataName(metadataName);
                    types[metadataName] = type;
                }

                return type;
            }

            void AddRule(INamedTypeSymbol type, string methodName, EffectRule rule)
            {
                if (!byType.TryGetValue(type, out var methods))
                {
                    byType[type] = methods = new Dictionary<string, EffectRule>(StringComparer.Ordinal);
                }

                // The first row wins: built-in rows come first, so configuration cannot silently turn a known write into a read.
                if (!methods.ContainsKey(methodName))
                {
                    methods[methodName] = rule;
                }
            }

            foreach (var rule in WellKnownEffects.Rules)
            {
                if (Resolve(rule.TypeMetadataName) is { } type)
                {
                    foreach (var name in rule.MethodNames)
                    {
                        AddRule(type, name, rule);
                    }
                }
            }

            foreach (var (kind, entry) in options.Methods)
            {
                AddConfigured(compilation, kind, entry, Resolve, AddRule, byMethod);
            }

            var ignored = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var entry in options.IgnoredMethods)
            {
                foreach (var method in ResolveMethods(compilation, entry, Resolve))
                {
                    ignored.Add(method.OriginalDefinition);
                }
            }

            return new EffectCatalogue(
                compilation,
                byType,
                byMethod,
                ignored,
                compilation.GetBestTypeByMetadataName(WritesDatabaseAttribute),
                compilation.GetBestTypeByMetadataName(PublishesMessagesAttribute),
                compilation.GetBestTypeByMetadataName("System.Linq.IQueryable"),
                compilation.GetBestTypeByMetadataName(CapPublisher),
                options);
        }

        /// <summary>Classifies an invocation, including the argument conditions of its catalogue row.</summary>
        public bool TryClassify(IInvocationOperation invocation, out Effect effect) => TryClassify(invocation, out effect, out _);

        /// <summary>
        /// Classifies an invocation; <paramref name="isCatalogued"/> tells whether its method is catalogued at all (true also
        /// when the row's condition says this call has no effect), so that callers need not classify the method again.
        /// </summary>
        public bool TryClassify(IInvocationOperation invocation, out Effect effect, out bool isCatalogued)
        {
            effect = default;
            isCatalogued = false;
            var method = invocation.TargetMethod;
            if (method is null)
            {
                return false;
            }

            if (!TryClassifyMethod(method, out var classification))
            {
                return false;
            }

            isCatalogued = true;
            return ApplyCondition(classification, invocation.Arguments, invocation, out effect);
        }

        /// <summary>Classifies an object creation (a <c>TransactionScope</c> opening a transaction).</summary>
        public bool TryClassify(IObjectCreationOperation creation, out Effect effect)
        {
            effect = default;
            if (creation.Constructor is not { } constructor || !TryClassifyMethod(constructor, out var classification))
            {
                return false;
            }

            effect = classification.Effect;
            return true;
        }

        /// <summary>
        /// Classifies a method by symbol only (catalogue rows, configuration, marker attributes, overrides and interface
        /// implementations of those). Conventions are not applied here: see <see cref="TryClassifyByConvention"/>.
        /// </summary>
        public bool TryClassifyMethod(IMethodSymbol method, out Classification classification)
        {
            // Most calls are of methods of referenced assemblies that no row, configuration or marker names: told by the
            // name (which normalizing keeps), without looking the method up. (An explicit implementation's name is
            // qualified, and an ignored method is known by its symbol: those are looked up.)
            if (ignored.Count == 0 && !MayBeCataloguedName(method.Name) && method.MethodKind != MethodKind.ExplicitInterfaceImplementation
                && !method.IsDeclaredIn(compilation.Assembly))
            {
                classification = default;
                return false;
            }

            return TryClassifyBySymbol(Normalize(method), out classification);
        }

        /// <summary>The method (normalized) looked up by symbol, cached: what collecting the names to tell methods apart by reads.</summary>
        private bool TryClassifyBySymbol(IMethodSymbol method, out Classification classification)
        {
            classification = classified.TryGetValue(method, out var known) ? known : classified.GetOrAdd(method, classify);
            return classification.IsEffect;
        }

        /// <summary>
        /// Whether a method of this name, in a referenced assembly, can be an effect: the name of a catalogue row or a
        /// configured method, a member of a configured type, a method of a referenced assembly that the marker attributes
        /// reach, a method a wrapper convention's method pattern matches, or CAP's <c>BeginTransaction…</c>. Overrides
        /// and implementations of those share their names; a method of the compilation itself is classified by symbol
        /// instead. False means no call by this name is an effect.
        /// </summary>
        public bool MayBeEffectName(string name) => MayBeCataloguedName(name) || MatchesConvention(name);

        /// <summary><see cref="MayBeEffectName"/> without the wrapper conventions: what <see cref="TryClassifyMethod"/> can find by name.</summary>
        private bool MayBeCataloguedName(string name)
            => GetEffectNames().Contains(name) || (capPublisher is not null && name.StartsWith("BeginTransaction", StringComparison.Ordinal));

        private bool MatchesConvention(string methodName)
        {
            foreach (var convention in Options.Conventions)
            {
                if (WrapperConvention.WildcardMatch(convention.MethodPattern, methodName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether creating an instance of the type is an effect (<c>new TransactionScope()</c>).</summary>
        public bool IsCreationEffect(INamedTypeSymbol type)
            => rulesByType.TryGetValue(type.OriginalDefinition, out var methods) && HasConstructorRow(methods);

        /// <summary>Whether creating an instance of some type of this simple name can be an effect.</summary>
        public bool MayBeCreationEffect(string typeName)
        {
            foreach (var pair in rulesByType)
            {
                if (pair.Key.Name == typeName && HasConstructorRow(pair.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasConstructorRow(Dictionary<string, EffectRule> methods) => methods.ContainsKey(WellKnownMemberNames.InstanceConstructorName);

        private HashSet<string> GetEffectNames()
        {
            var names = Volatile.Read(ref effectNames);
            if (names is not null)
            {
                return names;
            }

            lock (effectNamesLock)
            {
                return effectNames ??= CollectEffectNames();
            }
        }

        private HashSet<string> CollectEffectNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in rulesByType)
            {
                foreach (var name in pair.Value.Keys)
                {
                    if (name == "*")
                    {
                        names.UnionWith(pair.Key.MemberNames); // a configured type: every method of it is a row
                    }
                    else
                    {
                        names.Add(name);
                    }
                }
            }

            foreach (var method in rulesByMethod.Keys)
            {
                names.Add(method.Name);
            }

            // A marker reaches methods of the assemblies that reference the attributes' assembly, directly or through
            // another one (a wrapper deriving from a marked base type): those few assemblies are read whole, once.
            var markers = writesDatabase?.ContainingAssembly ?? publishesMessages?.ContainingAssembly;
            if (markers is not null)
            {
                var reaches = new Dictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default) { [markers] = true };
                foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    if (!SymbolEqualityComparer.Default.Equals(assembly, markers) && Reaches(assembly, reaches))
                    {
                        AddMarkedNames(assembly.GlobalNamespace, names);
                    }
                }
            }

            return names;
        }

        private static bool Reaches(IAssemblySymbol assembly, Dictionary<IAssemblySymbol, bool> reaches)
        {
            if (reaches.TryGetValue(assembly, out bool known))
            {
                return known;
            }

            reaches[assembly] = false; // a reference cycle adds nothing
            bool found = false;
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (Reaches(referenced, reaches))
                    {
                        found = true;
                        break;
                    }
                }
            }

            reaches[assembly] = found;
            return found;
        }

        private void AddMarkedNames(INamespaceOrTypeSymbol container, HashSet<string> names)
        {
            foreach (var member in container.GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol nested:
                        AddMarkedNames(nested, names);
                        break;

                    case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when !names.Contains(method.Name) && TryClassifyBySymbol(Normalize(method), out _):
                        names.Add(method.Name);
                        break;
                }
            }
        }

        /// <summary>
        /// Classifies a call whose body the compilation cannot see by the user's wrapper conventions (opt-in).
        /// </summary>
        public bool TryClassifyByConvention(IMethodSymbol method, out Effect effect)
        {
            effect = default;
            var conventions = Options.Conventions;
            if (conventions.IsEmpty || method.ContainingType is not { } type || (ignored.Count > 0 && ignored.Contains(Normalize(method))))
            {
                return false;
            }

            foreach (var convention in conventions)
            {
                if (convention.Matches(type.Name, method.Name))
                {
                    effect = new Effect(convention.Kind, EffectTraits.ByConvention, method.Name, "convention");
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// CAP's providers each declare their own <c>BeginTransaction(…, ICapPublisher publisher, …)</c> extension: any
        /// method of that name taking the publisher opens a transaction that stores the messages with the writes.
        /// </summary>
        private bool TryPublisherTransaction(IMethodSymbol method, out Classification classification)
        {
            classification = default;
            if (capPublisher is null || !method.Name.StartsWith("BeginTransaction", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, capPublisher))
                {
                    classification = new Classification(PublisherTransactionRule, method.Name);
                    return true;
                }
            }

            return false;
        }

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            if (method.ReducedFrom is { } reduced)
            {
                method = reduced;
            }

            return method.OriginalDefinition;
        }

        private Classification Classify(IMethodSymbol method)
        {
            if (TryDirect(method, out var found))
            {
                return found;
            }

            // Asked only where the modifiers or the declaration say there is an answer: for a source method, reading the
            // overridden or implemented members makes the compiler check its whole signature, which an editor's
            // analysis of one document would otherwise not do for the methods of other files that it classifies.
            for (var overridden = method.IsOverride ? method.OverriddenMethod : null; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (TryDirect(overridden.OriginalDefinition, out found))
                {
                    return found.WithName(method.Name);
                }
            }

            if (method.MethodKind == MethodKind.ExplicitInterfaceImplementation)
            {
                foreach (var implemented in method.ExplicitInterfaceImplementations)
                {
                    if (TryDirect(implemented.OriginalDefinition, out found))
                    {
                        return found;
                    }
                }
            }

            if (!method.IsStatic && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct } type && method.MethodKind == MethodKind.Ordinary)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    foreach (var member in @interface.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol interfaceMethod
                            && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method)
                            && TryDirect(interfaceMethod.OriginalDefinition, out found))
                        {
                            return found.WithName(method.Name);
                        }
                    }
                }
            }

            // Classified here, with everything else, so that the check is cached per method and not repeated per call.
            return TryPublisherTransaction(method, out found) ? found : default;
        }

        private bool TryDirect(IMethodSymbol method, out Classification classification)
        {
            classification = default;
            if (ignored.Count > 0 && ignored.Contains(method))
            {
                return true; // found, and declared not to be an effect: overrides and implementations of it are not either
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            string name = method.MethodKind == MethodKind.Constructor ? type.Name : method.Name;
            rulesByType.TryGetValue(type.OriginalDefinition, out var methods);

            // Built-in rows come first (configuration extends the catalogue, it does not reclassify a known API),
            // then a configured overload, then a configured whole type, then the marker attributes.
            if (methods is not null && methods.TryGetValue(method.Name, out var rule))
            {
                classification = new Classification(rule, name);
                return true;
            }

            if (rulesByMethod.Count > 0 && rulesByMethod.TryGetValue(method, out var exact))
            {
                classification = new Classification(exact, name);
                return true;
            }

            if (methods is not null && method.MethodKind == MethodKind.Ordinary && methods.TryGetValue("*", out var wholeType))
            {
                classification = new Classification(wholeType, name);
                return true;
            }

            if ((writesDatabase is not null || publishesMessages is not null) && method.MethodKind == MethodKind.Ordinary && TryMarker(method, type, out var marked))
            {
                classification = new Classification(marked, name);
                return true;
            }

            return false;
        }

        private bool TryMarker(IMethodSymbol method, INamedTypeSymbol type, out EffectRule rule)
        {
            rule = null!;
            EffectKind? kind = MarkerKind(method.GetAttributes());
            for (var current = type; kind is null && current is not null; current = current.BaseType)
            {
                kind = MarkerKind(current.GetAttributes());
                if (current.TypeKind == TypeKind.Interface)
                {
                    break;
                }
            }

            if (kind is null)
            {
                return false;
            }

            rule = new EffectRule(type.ToDisplayString(), ImmutableArray.Create(method.Name), kind.Value, "declared");
            return true;
        }

        private EffectKind? MarkerKind(ImmutableArray<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass is null)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(attributeClass, writesDatabase))
                {
                    return EffectKind.DbWrite;
                }

                if (SymbolEqualityComparer.Default.Equals(attributeClass, publishesMessages))
                {
                    return EffectKind.Publish;
                }
            }

            return null;
        }

        private bool ApplyCondition(Classification classification, ImmutableArray<IArgumentOperation> arguments, IOperation invocation, out Effect effect)
        {
            effect = classification.Effect;
            switch (classification.Condition)
            {
                case EffectCondition.SqlText:
                    var verb = SqlVerbText.Classify(EffectArguments.FindSqlText(arguments));
                    if (verb == SqlVerb.Read && effect.Kind == EffectKind.DbWrite)
                    {
                        effect = effect.WithKind(EffectKind.DbRead);
                    }
                    else if (verb == SqlVerb.Write && effect.Kind == EffectKind.DbRead)
                    {
                        effect = new Effect(EffectKind.DbWrite, EffectTraits.None, effect.OperationName, effect.Family);
                    }

                    return true;

                case EffectCondition.HttpRequestVerb:
                    return !EffectArguments.IsSafeHttpRequest(arguments, invocation);

                case EffectCondition.AsynchronousLambdaInvocation:
                    return EffectArguments.IsAsynchronousLambdaInvocation(arguments, invocation);

                case EffectCondition.QueryableSource:
                    return arguments.Length > 0
                        && arguments[0].Value is { } source
                        && UnwrapConversion(source).Type is { } sourceType
                        && IsQueryable(sourceType);

                default:
                    return true;
            }
        }

        private static IOperation UnwrapConversion(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// Whether the type is or implements <c>IQueryable&lt;T&gt;</c> (false when the compilation has none). Read from
        /// the type's definition: a constructed type implements the definition's interfaces substituted, so
        /// <c>List&lt;Order&gt;</c> and <c>List&lt;Customer&gt;</c> have one answer.
        /// </summary>
        private bool IsQueryable(ITypeSymbol type)
        {
            if (queryable is null)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return queryableTypes.TryGetValue(definition, out bool known)
                ? known
                : queryableTypes.GetOrAdd(definition, SymbolEqualityComparer.Default.Equals(definition, queryable) || Implements(definition, queryable));
        }

        private static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AddConfigured(
            Compilation compilation,
            EffectKind kind,
            string entry,
            Func<string, INamedTypeSymbol?> resolve,
            Action<INamedTypeSymbol, string, EffectRule> addRule,
            Dictionary<ISymbol, EffectRule> byMethod)
        {
            if (entry.Length > 2 && entry[1] == ':')
            {
                // A documentation comment id: M: names one method (one overload), T: every method of a type.
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(entry, compilation))
                {
                    if (symbol is IMethodSymbol method)
                    {
                        byMethod[method.OriginalDefinition] = new EffectRule(entry, ImmutableArray.Create(method.Name), kind, "configured");
                    }
                    else if (symbol is INamedTypeSymbol type)
                    {
                        addRule(type.OriginalDefinition, "*", new EffectRule(entry, ImmutableArray.Create("*"), kind, "configured"));
                    }
                }

                return;
            }

            if (TrySplitMemberEntry(entry, out string typeName, out string methodName) && resolve(typeName) is { } resolved)
            {
                addRule(resolved.OriginalDefinition, methodName, new EffectRule(entry, ImmutableArray.Create(methodName), kind, "configured"));
            }
        }

        /// <summary>
        /// Splits a <c>Namespace.Type.Method</c> entry into the type's metadata name and the method's name. The
        /// constructors of a type are written <c>Namespace.Type..ctor</c> (their metadata name): a documentation comment
        /// id cannot name one in an .editorconfig, which ends a value at <c>#</c>.
        /// </summary>
        private static bool TrySplitMemberEntry(string entry, out string typeName, out string methodName)
        {
            const string ConstructorSuffix = "." + WellKnownMemberNames.InstanceConstructorName;
            if (entry.Length > ConstructorSuffix.Length && entry.EndsWith(ConstructorSuffix, StringComparison.Ordinal))
            {
                typeName = entry.Substring(0, entry.Length - ConstructorSuffix.Length);
                methodName = WellKnownMemberNames.InstanceConstructorName;
                return true;
            }

            int dot = entry.LastIndexOf('.');
            if (dot <= 0 || dot == entry.Length - 1)
            {
                typeName = methodName = string.Empty;
                return false;
            }

            typeName = entry.Substring(0, dot);
            methodName = entry.Substring(dot + 1);
            return true;
        }

        /// <summary>Every method an entry names: <c>Namespace.Type.Method</c> (all overloads), <c>Namespace.Type.*</c>, <c>Namespace.Type..ctor</c> (its constructors), or a documentation comment id.</summary>
        internal static IEnumerable<IMethodSymbol> ResolveMethods(Compilation compilation, string entry, Func<string, INamedTypeSymbol?> resolve)
        {
            if (entry.Length > 2 && entry[1] == ':')
            {
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(entry, compilation))
                {
                    if (symbol is IMethodSymbol method)
                    {
                        yield return method;
                    }
                    else if (symbol is INamedTypeSymbol type)
                    {
                        foreach (var member in type.GetMembers())
                        {
                            if (member is IMethodSymbol typeMethod)
                            {
                                yield return typeMethod;
                            }
                        }
                    }
                }

                yield break;
            }

            if (!TrySplitMemberEntry(entry, out string typeName, out string name) || resolve(typeName) is not { } resolved)
            {
                yield break;
            }

            foreach (var member in resolved.GetMembers())
            {
                if (member is IMethodSymbol method && (name == "*" || method.Name == name))
                {
                    yield return method;
                }
            }
        }

        /// <summary>The symbol-level classification of a method: the matching row and the name to show.</summary>
        internal readonly struct Classification
        {
            public Classification(EffectRule rule, string name)
            {
                Rule = rule;
                Name = name;
            }

            /// <summary>The matching row; null for a method that is not an effect.</summary>
            public EffectRule? Rule { get; }

            public string Name { get; }

            public bool IsEffect => Rule is not null;

            public Effect Effect => Rule is null ? default : new(Rule.Kind, Rule.Traits, Name, Rule.Family);

            public EffectCondition Condition => Rule?.Condition ?? EffectCondition.None;

            public Classification WithName(string name) => Rule is null ? this : new(Rule, name);
        }
    }
}
