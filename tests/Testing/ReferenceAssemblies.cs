using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Consistency.Testing.References;
using Microsoft.CodeAnalysis;

namespace Consistency.Testing
{
    /// <summary>
    /// The metadata references a test compiles against, all offline: the running .NET shared framework, the real
    /// AWSSDK.Core/DynamoDBv2 assemblies, our attribute assembly, and stand-ins for SDKs the package mirror lacks.
    /// </summary>
    public sealed class ReferenceAssemblies
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFramework);

        private ReferenceAssemblies(ImmutableArray<MetadataReference> references, ImmutableArray<string> standIns)
        {
            References = references;
            StandIns = standIns;
        }

        /// <summary>The shared framework only (no AWS SDK, no attributes, no stand-ins).</summary>
        public static ReferenceAssemblies Net { get; } = new(ImmutableArray<MetadataReference>.Empty, ImmutableArray<string>.Empty);

        /// <summary>The framework, the attributes, the runtime, the real DynamoDB SDK and every stand-in SDK.</summary>
        public static ReferenceAssemblies Default => Net.WithAbstractions().WithDynamoDb().WithRuntime().WithStandIns(StandInLibrary.AllNames.ToArray());

        public ImmutableArray<MetadataReference> References { get; }

        public ImmutableArray<string> StandIns { get; }

        public ReferenceAssemblies WithAbstractions()
            => AddReferences(MetadataReference.CreateFromFile(typeof(Consistency.IdempotentAttribute).Assembly.Location));

        /// <summary>Adds Consistency.Runtime, which code fixes and generated code call.</summary>
        public ReferenceAssemblies WithRuntime()
            => AddReferences(MetadataReference.CreateFromFile(typeof(Consistency.Runtime.Outbox.OutboxUnitOfWork).Assembly.Location));

        public ReferenceAssemblies WithDynamoDb()
            => AddReferences(
                MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonServiceClient).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly.Location));

        /// <summary>Adds stand-in assemblies by name (the folder names under StandIns/, e.g. <c>AWSSDK.SQS</c>).</summary>
        public ReferenceAssemblies WithStandIns(params string[] names)
            => new(References, StandIns.AddRange(names.Where(n => !StandIns.Contains(n))));

        public ReferenceAssemblies AddReferences(params MetadataReference[] references)
            => new(References.AddRange(references), StandIns);

        /// <summary>Everything to reference: framework, explicit references, then the stand-ins with their dependencies.</summary>
        public IEnumerable<MetadataReference> Resolve()
        {
            foreach (var reference in FrameworkReferences.Value)
            {
                yield return reference;
            }

            foreach (var reference in References)
            {
                yield return reference;
            }

            foreach (var reference in StandInLibrary.Resolve(StandIns))
            {
                yield return reference;
            }
        }

        // The framework's own directory holds exactly the assemblies of Microsoft.NETCore.App, and nothing of the
        // test process (Roslyn, xunit), so user code sees the same API surface as in a real build.
        private static ImmutableArray<MetadataReference> LoadFramework()
        {
            string directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
            return trusted
                .Where(path => path.Length > 0 && string.Equals(Path.GetDirectoryName(path), directory, StringComparison.Ordinal))
                .Where(path => IsManagedAssembly(path))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        private static bool IsManagedAssembly(string path)
        {
            string name = Path.GetFileName(path);
            return name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && !name.StartsWith("Microsoft.DiaSymReader.Native", StringComparison.OrdinalIgnoreCase)
                && !name.StartsWith("Microsoft.VisualBasic", StringComparison.OrdinalIgnoreCase);
        }
    }
}
