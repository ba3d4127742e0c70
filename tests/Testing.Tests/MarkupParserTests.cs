using System;
using Consistency.Testing.Markup;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Tests
{
    public class MarkupParserTests
    {
        [Fact]
        public void UnnamedSpan_IsRemovedAndRecorded()
        {
            var result = MarkupParser.Parse("a [|bc|] d");

            Assert.Equal("a bc d", result.Text);
            var span = Assert.Single(result.Spans);
            Assert.Null(span.Name);
            Assert.Equal(TextSpan.FromBounds(2, 4), span.Span);
        }

        [Fact]
        public void NamedAndNumberedSpans_NestAndSortByStart()
        {
            var result = MarkupParser.Parse("{|#0:x{|CH0001:y|}|} [|z|]");

            Assert.Equal("xy z", result.Text);
            Assert.Equal(3, result.Spans.Count);
            Assert.Equal(("#0", TextSpan.FromBounds(0, 2)), (result.Spans[0].Name, result.Spans[0].Span));
            Assert.Equal(("CH0001", TextSpan.FromBounds(1, 2)), (result.Spans[1].Name, result.Spans[1].Span));
            Assert.Equal(((string?)null, TextSpan.FromBounds(3, 4)), (result.Spans[2].Name, result.Spans[2].Span));
        }

        [Fact]
        public void Caret_IsRecorded()
        {
            var result = MarkupParser.Parse("ab$$c");

            Assert.Equal("abc", result.Text);
            Assert.Equal(2, result.CaretPosition);
        }

        [Theory]
        [InlineData("[|never closed")]
        [InlineData("closed |] never opened")]
        [InlineData("{|CH0001:mismatched|]")]
        [InlineData("$$ two $$ carets")]
        public void MalformedMarkup_Throws(string markup)
            => Assert.Throws<ArgumentException>(() => MarkupParser.Parse(markup));

        [Fact]
        public void CodeWithoutMarkup_IsUnchanged()
        {
            const string Code = "class C { int[] a = { 1 }; bool b = true | false; }";

            Assert.Equal(Code, MarkupParser.Parse(Code).Text);
        }
    }
}
