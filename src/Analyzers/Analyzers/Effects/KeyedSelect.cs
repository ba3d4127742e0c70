namespace Consistency.Analyzers.Effects
{
    /// <summary>What a SQL <c>SELECT</c> of one row by its key returns (<see cref="SqlStatements.SelectByKey"/>).</summary>
    internal enum KeyedSelect
    {
        None,

        /// <summary><c>SELECT COUNT(…)</c>: positive when the row exists.</summary>
        Count,

        /// <summary><c>SELECT EXISTS (…)</c>: true when the row exists.</summary>
        Exists,

        /// <summary>The row (or one of its columns), null when it is missing.</summary>
        Row,
    }
}
