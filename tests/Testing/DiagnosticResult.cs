using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing
{
    /// <summary>What a test expects of a location: a file, a line/column span (1-based, as editors show them).</summary>
    public readonly record struct DiagnosticLocation(string? Path, LinePositionSpan Span, bool IsMarkupKey, int MarkupKey, bool StartOnly)
    {
        public override string ToString()
        {
            if (IsMarkupKey)
            {
                return $"{{|#{MarkupKey}:…|}}";
            }

            var start = Span.Start;
            var end = Span.End;
            return StartOnly
                ? $"{Path}({start.Line + 1},{start.Character + 1})"
                : $"{Path}({start.Line + 1},{start.Character + 1},{end.Line + 1},{end.Character + 1})";
        }
    }

    /// <summary>Options that relax how one expected diagnostic is compared.</summary>
    [Flags]
    public enum DiagnosticOptions
    {
        None = 0,

        /// <summary>Additional locations of the actual diagnostic are not compared.</summary>
        IgnoreAdditionalLocations = 1,

        /// <summary>Severity is not compared.</summary>
        IgnoreSeverity = 2,
    }

    /// <summary>
    /// An expected diagnostic, immutable, built fluently (<c>Diagnostic().WithLocation(0).WithArguments("a", "b")</c>).
    /// The first location is the primary one; further locations are the diagnostic's additional locations, in order.
    /// </summary>
    public readonly struct DiagnosticResult
    {
        private readonly ImmutableArray<DiagnosticLocation> locations;
        private readonly ImmutableArray<object?> arguments;

        private DiagnosticResult(string id, DiagnosticSeverity severity, string? messageFormat, string? message, ImmutableArray<object?> arguments, ImmutableArray<DiagnosticLocation> locations, DiagnosticOptions options, bool suppressed)
        {
            Id = id;
            Severity = severity;
            MessageFormat = messageFormat;
            Message = message;
            this.arguments = arguments;
            this.locations = locations;
            Options = options;
            IsSuppressed = suppressed;
        }

        public DiagnosticResult(string id, DiagnosticSeverity severity)
            : this(id, severity, null, null, default, default, DiagnosticOptions.None, false)
        {
        }

        public DiagnosticResult(DiagnosticDescriptor descriptor)
            : this(descriptor.Id, descriptor.DefaultSeverity, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), null, default, default, DiagnosticOptions.None, false)
        {
        }

        public string Id { get; }

        public DiagnosticSeverity Severity { get; }

        /// <summary>The descriptor's message format, used with <see cref="MessageArguments"/>.</summary>
        public string? MessageFormat { get; }

        /// <summary>The exact expected message, when given with <see cref="WithMessage"/>.</summary>
        public string? Message { get; }

        public ImmutableArray<object?> MessageArguments => arguments.IsDefault ? ImmutableArray<object?>.Empty : arguments;

        public bool HasMessageArguments => !arguments.IsDefault;

        public ImmutableArray<DiagnosticLocation> Locations => locations.IsDefault ? ImmutableArray<DiagnosticLocation>.Empty : locations;

        public bool HasLocation => !Locations.IsEmpty;

        public DiagnosticOptions Options { get; }

        public bool IsSuppressed { get; }

        public static DiagnosticResult CompilerError(string id) => new(id, DiagnosticSeverity.Error);

        public static DiagnosticResult CompilerWarning(string id) => new(id, DiagnosticSeverity.Warning);

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity) => new(Id, severity, MessageFormat, Message, arguments, locations, Options, IsSuppressed);

        public DiagnosticResult WithArguments(params object?[] args) => new(Id, Severity, MessageFormat, Message, args.ToImmutableArray(), locations, Options, IsSuppressed);

        public DiagnosticResult WithMessage(string message) => new(Id, Severity, MessageFormat, message, arguments, locations, Options, IsSuppressed);

        public DiagnosticResult WithMessageFormat(string messageFormat) => new(Id, Severity, messageFormat, Message, arguments, locations, Options, IsSuppressed);

        public DiagnosticResult WithOptions(DiagnosticOptions options) => new(Id, Severity, MessageFormat, Message, arguments, locations, Options | options, IsSuppressed);

        public DiagnosticResult WithIsSuppressed(bool suppressed) => new(Id, Severity, MessageFormat, Message, arguments, locations, Options, suppressed);

        /// <summary>Adds the location marked <c>{|#key:…|}</c> in the test source.</summary>
        public DiagnosticResult WithLocation(int markupKey) => AddLocation(new DiagnosticLocation(null, default, true, markupKey, false));

        /// <summary>Adds a location that starts at a 1-based line and column; its end is not compared.</summary>
        public DiagnosticResult WithLocation(int line, int column) => WithLocation(string.Empty, line, column);

        public DiagnosticResult WithLocation(string path, int line, int column)
        {
            var position = new LinePosition(line - 1, column - 1);
            return AddLocation(new DiagnosticLocation(path, new LinePositionSpan(position, position), false, 0, true));
        }

        /// <summary>Adds a location with a 1-based start and end line and column.</summary>
        public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn)
            => WithSpan(string.Empty, startLine, startColumn, endLine, endColumn);

        public DiagnosticResult WithSpan(string path, int startLine, int startColumn, int endLine, int endColumn)
            => AddLocation(new DiagnosticLocation(path, new LinePositionSpan(new LinePosition(startLine - 1, startColumn - 1), new LinePosition(endLine - 1, endColumn - 1)), false, 0, false));

        /// <summary>Adds a resolved location (used by the harness when it resolves markup).</summary>
        public DiagnosticResult WithSpan(FileLinePositionSpan span)
            => AddLocation(new DiagnosticLocation(span.Path, span.Span, false, 0, false));

        /// <summary>Replaces the locations (used by the harness to resolve markup keys and default paths).</summary>
        public DiagnosticResult WithLocations(ImmutableArray<DiagnosticLocation> newLocations)
            => new(Id, Severity, MessageFormat, Message, arguments, newLocations, Options, IsSuppressed);

        /// <summary>The message this result expects, or null when the message is not compared.</summary>
        public string? GetExpectedMessage()
        {
            if (Message is not null)
            {
                return Message;
            }

            if (HasMessageArguments && MessageFormat is not null)
            {
                return string.Format(CultureInfo.InvariantCulture, MessageFormat, MessageArguments.ToArray());
            }

            return null;
        }

        public override string ToString()
        {
            var builder = new StringBuilder();
            builder.Append(Id).Append(' ').Append(Severity);
            foreach (var location in Locations)
            {
                builder.Append(' ').Append(location);
            }

            var message = GetExpectedMessage();
            if (message is not null)
            {
                builder.Append(": ").Append(message);
            }

            return builder.ToString();
        }

        private DiagnosticResult AddLocation(DiagnosticLocation location)
            => new(Id, Severity, MessageFormat, Message, arguments, Locations.Add(location), Options, IsSuppressed);
    }
}
