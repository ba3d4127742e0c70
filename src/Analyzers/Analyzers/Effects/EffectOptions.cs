using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// The user's extensions of the catalogue, read from the global options and from the .editorconfig sections that
    /// apply to the compilation's C# files. The catalogue is per compilation, so values of all files are merged:
    /// lists are united, a convention switch is on when any file turns it on.
    /// </summary>
    internal sealed class EffectOptions
    {
        public const int DefaultMaxFlowDepth = 8;

        private EffectOptions(ImmutableArray<(EffectKind Kind, string Entry)> methods, ImmutableArray<string> ignoredMethods, ImmutableArray<WrapperConvention> conventions, int maxFlowDepth)
        {
            Methods = methods;
            IgnoredMethods = ignoredMethods;
            Conventions = conventions;
            MaxFlowDepth = maxFlowDepth;
        }

        public static EffectOptions Empty { get; } = new(ImmutableArray<(EffectKind, string)>.Empty, ImmutableArray<string>.Empty, ImmutableArray<WrapperConvention>.Empty, DefaultMaxFlowDepth);

        /// <summary>Methods listed by the user, per kind: <c>Namespace.Type.Method</c>, <c>Namespace.Type.*</c> or a documentation comment id.</summary>
        public ImmutableArray<(EffectKind Kind, string Entry)> Methods { get; }

        /// <summary>
        /// Methods that are never effects, even when the catalogue knows them: a send that the user's framework already
        /// routes through an outbox the analyzers cannot see (MassTransit's or Wolverine's transactional outbox).
        /// </summary>
        public ImmutableArray<string> IgnoredMethods { get; }

        public ImmutableArray<WrapperConvention> Conventions { get; }

        public int MaxFlowDepth { get; }

        public bool IsEmpty => Methods.IsEmpty && Conventions.IsEmpty;

        public static EffectOptions Read(Compilation compilation, AnalyzerOptions? options)
        {
            if (options is null)
            {
                return Empty;
            }

            var provider = options.AnalyzerConfigOptionsProvider;
            var seen = new HashSet<AnalyzerConfigOptions>();
            var methods = new List<(EffectKind, string)>();
            var conventions = new List<WrapperConvention>();
            var conventionTexts = new HashSet<string>(StringComparer.Ordinal);
            var ignored = new List<string>();
            int maxDepth = DefaultMaxFlowDepth;

            void ReadFrom(AnalyzerConfigOptions config)
            {
                if (!seen.Add(config))
                {
                    return;
                }

                AddMethods(config, EffectOptionNames.DbWriteMethods, EffectKind.DbWrite, methods);
                AddMethods(config, EffectOptionNames.DbReadMethods, EffectKind.DbRead, methods);
                AddMethods(config, EffectOptionNames.PublishMethods, EffectKind.Publish, methods);
                AddMethods(config, EffectOptionNames.ExternalCallMethods, EffectKind.ExternalCall, methods);
                if (config.TryGetValue(EffectOptionNames.IgnoredMethods, out var ignoredText))
                {
                    ignored.AddRange(Split(ignoredText));
                }
                if (config.TryGetValue(EffectOptionNames.WrapperConventions, out var value))
                {
                    AddConventions(value, conventions, conventionTexts);
                }

                if (config.TryGetValue(EffectOptionNames.MaxFlowDepth, out var depthText)
                    && int.TryParse(depthText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int depth)
                    && depth >= 0 && depth <= 32)
                {
                    maxDepth = depth;
                }
            }

            ReadFrom(provider.GlobalOptions);
            foreach (var tree in compilation.SyntaxTrees)
            {
                ReadFrom(provider.GetOptions(tree));
            }

            return new EffectOptions(methods.Distinct().ToImmutableArray(), ignored.Distinct(StringComparer.Ordinal).ToImmutableArray(), conventions.ToImmutableArray(), maxDepth);
        }

        public static EffectKind? ParseKind(string text) => text switch
        {
            "db_write" => EffectKind.DbWrite,
            "db_read" => EffectKind.DbRead,
            "publish" => EffectKind.Publish,
            "external_call" => EffectKind.ExternalCall,
            _ => null,
        };

        private static void AddMethods(AnalyzerConfigOptions config, string key, EffectKind kind, List<(EffectKind, string)> methods)
        {
            if (!config.TryGetValue(key, out var value))
            {
                return;
            }

            foreach (var entry in Split(value))
            {
                methods.Add((kind, entry));
            }
        }

        private static void AddConventions(string value, List<WrapperConvention> conventions, HashSet<string> texts)
        {
            foreach (var entry in Split(value))
            {
                if (string.Equals(entry, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(entry, "default", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var convention in WrapperConvention.Defaults)
                    {
                        if (texts.Add(convention.Text))
                        {
                            conventions.Add(convention);
                        }
                    }
                }
                else if (WrapperConvention.TryParse(entry) is { } convention && texts.Add(convention.Text))
                {
                    conventions.Add(convention);
                }
            }
        }

        /// <summary>
        /// Splits a list on commas outside brackets, so that <c>M:T.M(A,B)</c> stays one entry. (A semicolon never reaches
        /// here: .editorconfig and global configuration files end a value at the first <c>;</c> or <c>#</c>.)
        /// </summary>
        internal static IEnumerable<string> Split(string value)
        {
            int depth = 0, start = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                char c = i < value.Length ? value[i] : ',';
                if (c is '(' or '[' or '{')
                {
                    depth++;
                }
                else if (c is ')' or ']' or '}')
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if ((c == ',' && depth == 0) || i == value.Length)
                {
                    string entry = value.Substring(start, i - start).Trim();
                    if (entry.Length > 0)
                    {
                        yield return entry;
                    }

                    start = i + 1;
                }
            }
        }
    }
}
