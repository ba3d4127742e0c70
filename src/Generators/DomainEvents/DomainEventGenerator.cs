using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Consistency.Generators.Diagnostics;
using Consistency.Generators.Idempotency;
using Consistency.Generators.Internals;
using Consistency.Generators.Json;
using Consistency.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Generators.DomainEvents
{
    /// <summary>
    /// For each <c>[DomainEvent("type.name", version)]</c> type, emits its outbox mapping (<c>{Type}DomainEvent</c>:
    /// type name, version, JSON metadata, aggregate key, <c>ToEnvelope</c>, <c>ToCloudEvent</c>, <c>FromEnvelope</c>),
    /// and one <c>DomainEventRegistry</c> per assembly that decodes envelopes by type name and version.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DomainEventGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var events = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    DomainEventParser.DomainEventAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, ct) => DomainEventParser.Parse(ctx, ct))
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(StepNames.DomainEvents);

            var resolved = events
                .Combine(IdempotentGenerator.JsonContexts(context).Collect())
                .Select(static (pair, _) => Resolve(pair.Left, pair.Right))
                .WithTrackingName(StepNames.ResolvedDomainEvents);

            context.RegisterSourceOutput(resolved, static (spc, model) =>
            {
                foreach (var diagnostic in model.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                if (model.TypeInfo is not null)
                {
                    spc.AddSource(DomainEventEmitter.HintName(model.Event), SourceText.From(DomainEventEmitter.Emit(model.Event, model.TypeInfo), Encoding.UTF8));
                }
            });

            var registry = resolved
                .Select(static (model, _) => model.Event.EventTypeName.Length == 0 ? null : new RegistryEntry(
                    model.Event.EventTypeName,
                    model.Event.Version,
                    model.Event.FullName,
                    (model.Event.Namespace.Length == 0 ? "global::" : "global::" + model.Event.Namespace + ".") + model.Event.MappingClassName,
                    model.Event.Location,
                    model.TypeInfo is not null))
                .Collect()
                .Select(static (entries, _) => BuildRegistry(entries))
                .WithTrackingName(StepNames.DomainEventRegistry);

            context.RegisterSourceOutput(registry, static (spc, model) =>
            {
                var emitted = new List<RegistryEntry>(model.Entries.Count);
                var seen = new Dictionary<(string, int), RegistryEntry>();
                foreach (var entry in model.Entries)
                {
                    if (seen.TryGetValue((entry.EventTypeName, entry.Version), out var first))
                    {
                        spc.ReportDiagnostic(DiagnosticInfo.Create(GeneratorDiagnostics.DuplicateEventTypeName, entry.Location, Display(entry.FullName), entry.EventTypeName, entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Display(first.FullName)).ToDiagnostic());
                        continue;
                    }

                    seen.Add((entry.EventTypeName, entry.Version), entry);
                    if (entry.Emitted)
                    {
                        emitted.Add(entry);
                    }
                }

                if (emitted.Count > 0)
                {
                    spc.AddSource(DomainEventEmitter.RegistryHintName, SourceText.From(DomainEventEmitter.EmitRegistry(new RegistryModel(new EquatableArray<RegistryEntry>(emitted.ToArray()))), Encoding.UTF8));
                }
            });
        }

        private static ResolvedDomainEvent Resolve(DomainEventModel model, ImmutableArray<JsonContextModel?> contexts)
        {
            var diagnostics = new List<DiagnosticInfo>(model.Diagnostics);
            bool failed = false;
            foreach (var diagnostic in model.Diagnostics)
            {
                failed |= diagnostic.IsError;
            }

            string? typeInfo = JsonContextParser.FindTypeInfo(contexts, model.TypeKey);
            if (typeInfo is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.NoJsonTypeInfo, model.Location, Display(model.FullName), "domain event " + model.EventTypeName));
                failed = true;
            }

            return new ResolvedDomainEvent(model, failed ? null : typeInfo, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        // Entries in a stable order: by type name, version, then CLR type name, which decides the "first" of duplicates.
        private static RegistryModel BuildRegistry(ImmutableArray<RegistryEntry?> entries)
        {
            var list = new List<RegistryEntry>(entries.Length);
            foreach (var entry in entries)
            {
                if (entry is not null)
                {
                    list.Add(entry);
                }
            }

            list.Sort(static (a, b) =>
            {
                int byName = string.CompareOrdinal(a.EventTypeName, b.EventTypeName);
                if (byName != 0)
                {
                    return byName;
                }

                int byVersion = a.Version.CompareTo(b.Version);
                return byVersion != 0 ? byVersion : string.CompareOrdinal(a.FullName, b.FullName);
            });
            return new RegistryModel(new EquatableArray<RegistryEntry>(list.ToArray()));
        }

        private static string Display(string fullName) => fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring(8) : fullName;
    }
}
