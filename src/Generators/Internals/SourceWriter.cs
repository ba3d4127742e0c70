using System.Text;

namespace Consistency.Generators.Internals
{
    /// <summary>Writes indented C# with '\n' line endings, so that generated text is the same on every OS.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder builder = new();
        private int indent;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                builder.Append(' ', indent * 4);
                builder.Append(text);
            }

            builder.Append('\n');
            return this;
        }

        public SourceWriter Open(string text)
        {
            Line(text);
            Line("{");
            indent++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            indent--;
            Line("}" + suffix);
            return this;
        }

        public override string ToString() => builder.ToString();
    }
}
