using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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
            var sites = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    DomainEventParser.DomainEventAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, ct) => DomainEventParser.Parse(ctx, ct))
                .Where(static parsed => parsed is not null)
                .Select(static (parsed, _) => parsed!)
                .WithTrackingName(StepNames.DomainEventSites);

            var contexts = IdempotentGenerator.JsonContexts(context).Collect();

            var resolved = sites
                .Select(static (parsed, _) => parsed.Model)
                .WithTrackingName(StepNames.DomainEvents)
                .Combine(contexts)
                .Select(static (pair, _) => new ResolvedDomainEvent(pair.Left, pair.Left.HasErrors ? null : JsonContextParser.FindTypeInfo(pair.Right, pair.Left.TypeKey)))
                .WithTrackingName(StepNames.ResolvedDomainEvents);

            context.RegisterSourceOutput(resolved, static (spc, model) =>
            {
                if (model.TypeInfo is not null)
                {
                    spc.AddSource(DomainEventEmitter.HintName(model.Event), SourceText.From(DomainEventEmitter.Emit(model.Event, model.TypeInfo), Encoding.UTF8));
                }
            });

            var registry = resolved
                .Select(static (model, _) => model.TypeInfo is null ? null : new RegistryEntry(
                    model.Event.EventTypeName,
                    model.Event.Version,
                    model.Event.FullName,
                    (model.Event.Namespace.Length == 0 ? "global::" : "global::" + model.Event.Namespace + ".") + model.Event.MappingClassName))
                .Collect()
                .Select(static (entries, _) => BuildRegistry(entries))
                .WithTrackingName(StepNames.DomainEventRegistry);

            context.RegisterSourceOutput(registry, static (spc, model) =>
            {
                if (model.Entries.Count > 0)
                {
                    spc.AddSource(DomainEventEmitter.RegistryHintName, SourceText.From(DomainEventEmitter.EmitRegistry(model), Encoding.UTF8));
                }
            });

            // Diagnostics have their own outputs: they depend on locations, the generated code does not.
            var diagnostics = sites
                .Combine(contexts)
                .Select(static (pair, _) => Diagnose(pair.Left, pair.Right))
                .WithTrackingName(StepNames.DomainEventDiagnostics);

            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var diagnostic in list)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            var duplicates = sites
                .Select(static (parsed, _) => new EventNameClaim(parsed.Model.EventTypeName, parsed.Model.Version, parsed.Model.FullName, parsed.Location))
                .Collect()
                .Select(static (claims, _) => Duplicates(claims))
                .WithTrackingName(StepNames.DomainEventNames);

            context.RegisterSourceOutput(duplicates, static (spc, list) =>
            {
                foreach (var diagnostic in list)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
        }

        private static EquatableArray<DiagnosticInfo> Diagnose(ParsedDomainEvent parsed, ImmutableArray<JsonContextModel?> contexts)
        {
            if (parsed.Model.HasErrors || JsonContextParser.FindTypeInfo(contexts, parsed.Model.TypeKey) is not null)
            {
                return parsed.Diagnostics;
            }

            var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics)
            {
                DiagnosticInfo.Create(GeneratorDiagnostics.NoJsonTypeInfo, parsed.Location, Display(parsed.Model.FullName), "domain event " + parsed.Model.EventTypeName),
            };
            return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        }

        // Each type after the first (by CLR name) that claims a type name and version gets a diagnostic.
        private static EquatableArray<DiagnosticInfo> Duplicates(ImmutableArray<EventNameClaim> claims)
        {
            var sorted = new List<EventNameClaim>(claims);
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
            var first = new Dictionary<(string, int), EventNameClaim>();
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var claim in sorted)
            {
                if (claim.EventTypeName.Length == 0)
                {
                    continue;
                }

                if (first.TryGetValue((claim.EventTypeName, claim.Version), out var owner))
                {
                    diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.DuplicateEventTypeName, claim.Location, Display(claim.FullName), claim.EventTypeName, claim.Version.ToString(CultureInfo.InvariantCulture), Display(owner.FullName)));
                }
                else
                {
                    first.Add((claim.EventTypeName, claim.Version), claim);
                }
            }

            return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        }

        // Entries in a stable order (type name, version, CLR name); of duplicates, the first by CLR name is registered.
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

            var unique = new List<RegistryEntry>(list.Count);
            foreach (var entry in list)
            {
                if (unique.Count == 0 || unique[unique.Count - 1].EventTypeName != entry.EventTypeName || unique[unique.Count - 1].Version != entry.Version)
                {
                    unique.Add(entry);
                }
            }

            return new RegistryModel(new EquatableArray<RegistryEntry>(unique.ToArray()));
        }

        private static string Display(string fullName) => fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring(8) : fullName;
    }
}
