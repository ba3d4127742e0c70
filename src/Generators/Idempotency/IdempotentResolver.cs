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
                group.Sort(static (a, b) => a.Order.CompareTo(b.Order));
                var resolved = new List<ResolvedIdempotentMethod>(group.Count);
                foreach (var method in group)
                {
                    if (!method.HasErrors && TryResolve(method, contexts, out var result1))
                    {
                        resolved.Add(result1);
                    }
                }

                // A type whose every method failed still gets a (cached, empty) model: its output adds no file.
                result.Add(new IdempotentTypeModel(group[0].Type, new EquatableArray<ResolvedIdempotentMethod>(resolved.ToArray())));
            }

            return result.MoveToImmutable();
        }

        /// <summary>The parser's diagnostics plus a <c>CH0105</c> for each result or payload type no JSON context serialises.</summary>
        public static EquatableArray<DiagnosticInfo> Diagnose(ParsedIdempotentMethod? parsed, ImmutableArray<JsonContextModel?> contexts)
        {
            if (parsed is null)
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            var method = parsed.Model;
            var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
            if (!method.HasErrors)
            {
                foreach (var (typeKey, role) in JsonNeeds(method))
                {
                    if (JsonContextParser.FindTypeInfo(contexts, typeKey) is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.NoJsonTypeInfo, parsed.Location, typeKey.Replace("global::", string.Empty), role));
                    }
                }
            }

            return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        }

        private static bool TryResolve(IdempotentMethodModel method, ImmutableArray<JsonContextModel?> contexts, out ResolvedIdempotentMethod resolved)
        {
            resolved = null!;
            string? resultInfo = null;
            var payloadInfos = new List<string>();
            foreach (var (typeKey, role) in JsonNeeds(method))
            {
                string? info = JsonContextParser.FindTypeInfo(contexts, typeKey);
                if (info is null)
                {
                    return false;
                }

                if (role.StartsWith("the result", StringComparison.Ordinal))
                {
                    resultInfo = info;
                }
                else
                {
                    payloadInfos.Add(info);
                }
            }

            resolved = new ResolvedIdempotentMethod(method, resultInfo, new EquatableArray<string>(payloadInfos.ToArray()));
            return true;
        }

        // The result first, then the hashed payload parameters in order.
        private static IEnumerable<(string TypeKey, string Role)> JsonNeeds(IdempotentMethodModel method)
        {
            if (method.ResultTypeKey is not null)
            {
                yield return (method.ResultTypeKey, "the result of " + method.MethodName);
            }

            if (method.NeedsPayloadHash)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Role == IdempotentParameterRole.Payload)
                    {
                        yield return (parameter.TypeKey, "parameter " + parameter.Name + " of " + method.MethodName);
                    }
                }
            }
        }
    }
}
