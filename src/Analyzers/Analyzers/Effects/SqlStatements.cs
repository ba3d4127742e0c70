using System;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// The SQL that a Dapper or ADO.NET write runs, and what the handler rules read from it: a relative update
    /// (<c>x = x + @n</c>, CH0002's) and an update whose <c>WHERE</c> compares no version or order (CH0004's). Text that
    /// cannot be read (built at run time) is null, never guessed.
    /// </summary>
    internal static class SqlStatements
    {
        private static readonly Regex RelativeAssignment = new(@"(\w+)\s*=\s*\1\s*[+\-]", RegexOptions.CultureInvariant);
        private static readonly Regex SetClause = new(@"\bSET\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex WhereClause = new(@"\bWHERE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // A column (table-qualified or quoted or not) compared for equality with a parameter: @id, :id, $1, ?.
        private static readonly Regex ParameterComparison = new(@"(\w+)[""\]`]?\s*=\s*[@:$?]", RegexOptions.CultureInvariant);
        private static readonly Regex CountSelect = new(@"^\s*SELECT\s+COUNT\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ExistsSelect = new(@"^\s*SELECT\s+EXISTS\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex NegatedSelect = new(@"^\s*SELECT\s+NOT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The SQL of a Dapper call (its argument) or of an ADO.NET command (its initializer or <c>CommandText</c> assignment).</summary>
        public static string? TextOf(IInvocationOperation invocation)
        {
            if (EffectArguments.FindSqlText(invocation.Arguments) is { } text)
            {
                return text;
            }

            if (invocation.Instance is not { } instance || EffectArguments.Unwrap(instance) is not ILocalReferenceOperation command)
            {
                return null;
            }

            if (EffectArguments.LocalInitializer(command) is { } initializer
                && EffectArguments.FindCreation(EffectArguments.Unwrap(initializer)) is { } creation)
            {
                if (EffectArguments.InitializedValue(creation, "CommandText") is { } initialized)
                {
                    return EffectArguments.TextOf(initialized);
                }

                if (creation.Arguments.Length > 0 && creation.Arguments[0].Value is { } first && EffectArguments.TextOf(first) is { } argument)
                {
                    return argument;
                }
            }

            return EffectArguments.AssignedValue(invocation, command.Local, "CommandText") is { } assigned ? EffectArguments.TextOf(assigned) : null;
        }

        /// <summary>An <c>UPDATE</c> that adds to a column (<c>SET stock = stock - @n</c>): applied twice, it counts twice.</summary>
        public static bool IsRelativeUpdate(string sql)
            => IsUpdate(sql) && RelativeAssignment.IsMatch(sql);

        /// <summary>
        /// An <c>UPDATE … SET</c> of absolute values whose <c>WHERE</c> (if any) compares no version, sequence or timestamp
        /// (no <c>&lt;</c>/<c>&gt;</c>, no equality on a version-like column): an older message overwrites newer state.
        /// </summary>
        public static bool IsUnorderedUpdate(string sql)
        {
            if (!IsUpdate(sql) || !SetClause.IsMatch(sql) || RelativeAssignment.IsMatch(sql))
            {
                return false;
            }

            var where = WhereClause.Match(sql);
            return !where.Success || !DynamoDbWrites.IsIdempotentCondition(sql.Substring(where.Index + where.Length));
        }

        /// <summary>
        /// What a <c>SELECT</c> of one row by its key returns (its <c>WHERE</c> compares a key-like column, <c>id</c>,
        /// <c>order_id</c>, <c>OrderId</c>, <c>pk</c>…, with a parameter): a count (<c>SELECT COUNT(…)</c>), a boolean
        /// (<c>SELECT EXISTS (…)</c>) or the row itself, null when it is missing; <see cref="KeyedSelect.None"/> for
        /// any other text.
        /// </summary>
        public static KeyedSelect SelectByKey(string sql)
        {
            if (!sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || NegatedSelect.IsMatch(sql) || WhereClause.Match(sql) is not { Success: true } where)
            {
                return KeyedSelect.None;
            }

            bool keyed = false;
            for (var comparison = ParameterComparison.Match(sql, where.Index); comparison.Success && !keyed; comparison = comparison.NextMatch())
            {
                keyed = WriteRequest.IsKeyName(comparison.Groups[1].Value);
            }

            return !keyed ? KeyedSelect.None
                : CountSelect.IsMatch(sql) ? KeyedSelect.Count
                : ExistsSelect.IsMatch(sql) ? KeyedSelect.Exists
                : KeyedSelect.Row;
        }

        private static bool IsUpdate(string sql) => sql.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase);
    }
}
