using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Generators.Diagnostics
{
    /// <summary>
    /// A location kept by value (file path and spans), so that models stay equatable and hold no syntax tree.
    /// Turned back into a <see cref="Location"/> only when a diagnostic is reported.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo? From(Location? location)
            => location is null || !location.IsInSource ? null : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
