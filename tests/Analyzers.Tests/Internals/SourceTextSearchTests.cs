using System.Linq;
using System.Threading;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Analyzers.Tests.Internals
{
    /// <summary>The text search that tells which files can call an API: every occurrence, wherever the chunks break.</summary>
    public class SourceTextSearchTests
    {
        private const string Word = "ReceiveMessage";

        [Fact]
        public void FindsEveryOccurrence_AtTheStartInTheMiddleAndAtTheEnd()
        {
            string text = Word + " x.ReceiveMessageAsync(); // " + Word;
            var found = SourceTextSearch.FindAll(SourceText.From(text), Word, CancellationToken.None);
            Assert.Equal(new[] { 0, 17, text.Length - Word.Length }, found);
        }

        [Fact]
        public void NoOccurrence_IsEmpty()
        {
            Assert.Empty(SourceTextSearch.FindAll(SourceText.From("Receive Message ReceiveMessag"), Word, CancellationToken.None));
            Assert.Empty(SourceTextSearch.FindAll(SourceText.From(""), Word, CancellationToken.None));
            Assert.Empty(SourceTextSearch.FindAll(SourceText.From("Rec"), Word, CancellationToken.None));
        }

        [Fact]
        public void SeveralWords_AreFoundInTheOrderOfTheText()
        {
            const string text = "FetchAsync(); ReceiveMessage(); FetchAsync(); DrainAsync();";
            var found = SourceTextSearch.FindAll(SourceText.From(text), new[] { "FetchAsync", Word, "Missing" }, CancellationToken.None);
            Assert.Equal(new[] { 0, 14, 32 }, found);
            Assert.Equal(new[] { 14 }, SourceTextSearch.FindAll(SourceText.From(text), new[] { Word }, CancellationToken.None));
            Assert.Empty(SourceTextSearch.FindAll(SourceText.From(text), new[] { "Missing", "Absent" }, CancellationToken.None));
        }

        [Theory]
        [InlineData(8192 - 14)]
        [InlineData(8192 - 13)]
        [InlineData(8192 - 1)]
        [InlineData(8192)]
        [InlineData(8192 + 1)]
        [InlineData(3 * 8192 - 7)]
        public void AWordAcrossAChunkBoundary_IsFoundOnce(int position)
        {
            string text = new string('R', position) + Word + new string(' ', 100);
            var found = SourceTextSearch.FindAll(SourceText.From(text), Word, CancellationToken.None);
            Assert.Equal(new[] { position }, found);
        }

        [Fact]
        public void ALargeText_MatchesAPlainSearch()
        {
            var builder = new System.Text.StringBuilder();
            for (int i = 0; i < 5000; i++)
            {
                builder.Append(i % 7 == 0 ? "await _sqs.ReceiveMessageAsync(request);\n" : "var total = order.Lines.Sum(l => l.Quantity);\n");
            }

            string text = builder.ToString();
            var expected = Enumerable.Range(0, text.Length - Word.Length + 1).Where(i => string.CompareOrdinal(text, i, Word, 0, Word.Length) == 0).ToArray();
            Assert.Equal(715, expected.Length);
            Assert.Equal(expected, SourceTextSearch.FindAll(SourceText.From(text), Word, CancellationToken.None));
        }

        [Theory]
        [InlineData(0, 10, false)]
        [InlineData(0, 11, true)]
        [InlineData(10, 5, true)]
        [InlineData(11, 9, false)]
        [InlineData(11, 10, true)]
        [InlineData(31, 5, false)]
        [InlineData(21, 10, true)]
        public void AnyWithin_TellsWhetherASpanHoldsAPosition(int start, int length, bool expected)
        {
            int[] positions = { 10, 20, 30 };
            Assert.Equal(expected, SourceTextSearch.AnyWithin(positions, new TextSpan(start, length)));
        }
    }
}
