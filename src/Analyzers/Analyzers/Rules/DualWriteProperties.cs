namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// Keys of the properties a CH0001 diagnostic carries for its code fixes. The diagnostic's location is the later
    /// effect's call and its first additional location the earlier one's; these say which of the two is the write.
    /// </summary>
    internal static class DualWriteProperties
    {
        /// <summary><see cref="Later"/> when the write is at the diagnostic's location, <see cref="Earlier"/> when at the first additional location.</summary>
        public const string WriteSide = "WriteSide";

        /// <summary><see cref="Publish"/> or <see cref="ExternalCall"/>.</summary>
        public const string OutgoingKind = "OutgoingKind";

        /// <summary>Present when a database read may run before the write in the same flow (the write may depend on stored state).</summary>
        public const string ReadBeforeWrite = "ReadBeforeWrite";

        /// <summary>Present when the publish happens inside a transaction that commits the write later.</summary>
        public const string InsideTransaction = "InsideTransaction";

        public const string Later = "Later";

        public const string Earlier = "Earlier";

        public const string Publish = "Publish";

        public const string ExternalCall = "ExternalCall";
    }
}
