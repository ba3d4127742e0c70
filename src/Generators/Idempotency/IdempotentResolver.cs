using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Consistency.Generators.Diagnostics;
using Consistency.Generators.Internals;
using Consistency.Generators.Json;
using Consistency.Generators.Models;

namespace Consistency.Generators.Idempotency
{
    /// <summary>Groups the methods by type (in a stable order) and finds the JSON metadata of their results and payloads.</summary>
    internal static class IdempotentResolver
    {
        public static ImmutableArray<IdempotentTypeModel> Resolve(ImmutableArray<IdempotentMethodModel?> methods, ImmutableArray<JsonContextModel?> contexts)
        {
            var byType = new SortedDictionary<string, List<IdempotentMethodModel>>(StringComparer.Ordinal);
            foreach (var method in methods)
            {
                if (method is null)
                {
                    continue;
                }

                if (!byType.TryGetValue(method.Type.MetadataName, out var list))
                {
                    byType.Add(method.Type.MetadataName, list = new List<IdempotentMethodModel>());
                }

                list.Add(method);
            }

            var result = ImmutableArray.CreateBuilder<IdempotentTypeModel>(byType.Count);
            foreach (var group in byType.Values)
            {
                // Source order within the type (by file, then position) keeps the output stable across runs.
                group.Sort(static (a, b) => CompareLocations(a.Location, b.Location));
                var resolved = new List<ResolvedIdempotentMethod>(group.Count);
                var diagnostics = new List<DiagnosticInfo>();
                foreach (var method in group)
                {
                    diagnostics.AddRange(method.Diagnostics);
                    bool failed = false;
                    foreach (var diagnostic in method.Diagnostics)
                    {
                        failed |= diagnostic.IsError;
                    }

                    string? resultInfo = null;
                    if (method.ResultTypeKey is not null)
                    {
                        resultInfo = Find(contexts, method.ResultTypeKey, method.ResultType!, "the result of " + method.MethodName, method.Location, diagnostics, ref failed);
                    }

                    var payloadInfos = new List<string>();
                    if (method.NeedsPayloadHash)
                    {
                        foreach (var parameter in method.Parameters)
                        {
                            if (parameter.Role == IdempotentParameterRole.Payload)
                            {
                                payloadInfos.Add(Find(contexts, parameter.TypeKey, parameter.Type, "parameter " + parameter.Name + " of " + method.MethodName, method.Location, diagnostics, ref failed) ?? string.Empty);
                            }
                        }
                    }

                    if (!failed)
                    {
                        resolved.Add(new ResolvedIdempotentMethod(method, resultInfo, new EquatableArray<string>(payloadInfos.ToArray())));
                    }
                }

                result.Add(new IdempotentTypeModel(group[0].Type, new EquatableArray<ResolvedIdempotentMethod>(resolved.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray())));
            }

            return result.MoveToImmutable();
        }

        private static string? Find(ImmutableArray<JsonContextModel?> contexts, string typeKey, string display, string role, LocationInfo? location, List<DiagnosticInfo> diagnostics, ref bool failed)
        {
            string? info = JsonContextParser.FindTypeInfo(contexts, typeKey);
            if (info is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.NoJsonTypeInfo, location, typeKey.Replace("global::", string.Empty), role));
                failed = true;
            }

            return info;
        }

        internal static int CompareLocations(LocationInfo? a, LocationInfo? b)
        {
            if (a is null || b is null)
            {
                return (a is null ? 0 : 1) - (b is null ? 0 : 1);
            }

            int byFile = string.CompareOrdinal(a.FilePath, b.FilePath);
            return byFile != 0 ? byFile : a.Span.Start.CompareTo(b.Span.Start);
        }
    }
}
