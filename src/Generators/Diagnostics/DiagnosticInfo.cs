using Consistency.Generators.Internals;
using Microsoft.CodeAnalysis;

namespace Consistency.Generators.Diagnostics
{
    /// <summary>A diagnostic to report, by value: the descriptor's id, where, and the message arguments.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => new(descriptor.Id, location, new EquatableArray<string>(arguments));

        public bool IsError => GeneratorDiagnostics.Find(Id).DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic()
        {
            var arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Arguments[i];
            }

            return Diagnostic.Create(GeneratorDiagnostics.Find(Id), Location?.ToLocation(), arguments);
        }
    }
}
