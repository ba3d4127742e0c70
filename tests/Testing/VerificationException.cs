using System;

namespace Consistency.Testing
{
    /// <summary>Thrown when a verification fails. Test frameworks report it like any assertion failure.</summary>
    public sealed class VerificationException : Exception
    {
        public VerificationException(string message)
            : base(message)
        {
        }

        public VerificationException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
