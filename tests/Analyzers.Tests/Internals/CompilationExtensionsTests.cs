using System.Linq;
using Consistency.Analyzers.Internals;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Analyzers.Tests.Internals
{
    /// <summary>How the catalogues find the types they know by metadata name, in the compilation and its references.</summary>
    public class CompilationExtensionsTests
    {
        private static readonly MetadataReference[] Framework = ReferenceAssemblies.Net.Resolve().ToArray();

        private static MetadataReference Library(string name, string source)
            => Compile(name, source).ToMetadataReference();

        private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references)
            => CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, Framework.Concat(references), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        [Fact]
        public void FindsTopLevelGenericAndNestedTypes()
        {
            var compilation = Compile("App", """
                namespace Acme.Messaging
                {
                    public interface IBus { }
                    public class Box<T> { }
                    public class Outer { public class Inner { } }
                    public class Pair<TKey, TValue> { public class Entry { } }
                }
                """);

            Assert.Equal("IBus", compilation.GetBestTypeByMetadataName("Acme.Messaging.IBus")?.Name);
            Assert.Equal(1, compilation.GetBestTypeByMetadataName("Acme.Messaging.Box`1")?.Arity);
            Assert.Equal("Outer", compilation.GetBestTypeByMetadataName("Acme.Messaging.Outer+Inner")?.ContainingType?.Name);
            Assert.Equal(2, compilation.GetBestTypeByMetadataName("Acme.Messaging.Pair`2+Entry")?.ContainingType?.Arity);
            Assert.Equal("IQueryable", compilation.GetBestTypeByMetadataName("System.Linq.IQueryable")?.Name);
        }

        [Theory]
        [InlineData("Acme.Messaging.Box")] // the arity is part of the name
        [InlineData("Acme.Messaging.Box`2")]
        [InlineData("Acme.Missing.IBus")]
        [InlineData("Missing.Messaging.IBus")]
        [InlineData("Acme.Messaging.Outer+Missing")]
        [InlineData("Acme.Messaging")] // a namespace is not a type
        [InlineData("Acme..IBus")]
        [InlineData("+Inner")]
        [InlineData("")]
        public void AnswersNothingForNamesThatAreNotTypes(string metadataName)
        {
            var compilation = Compile("App", "namespace Acme.Messaging { public interface IBus { } public class Box<T> { } public class Outer { public class Inner { } } }");

            Assert.Null(compilation.GetBestTypeByMetadataName(metadataName));
        }

        [Fact]
        public void PrefersTheCompilationsOwnDefinition_EvenWhenAReferenceDefinesItToo()
        {
            var reference = Library("Stand.In", "namespace Amazon.SQS { public interface IAmazonSQS { } }");
            var compilation = Compile("App", "namespace Amazon.SQS { internal interface IAmazonSQS { } }", reference);

            var found = compilation.GetBestTypeByMetadataName("Amazon.SQS.IAmazonSQS");

            Assert.Equal("App", found?.ContainingAssembly.Name);
        }

        [Fact]
        public void FindsAUniquePublicDefinitionAmongReferences_AndIgnoresInternalOnes()
        {
            var real = Library("AWSSDK.SQS", "namespace Amazon.SQS { public interface IAmazonSQS { } }");
            var hidden = Library("Polyfill", "namespace Amazon.SQS { internal interface IAmazonSQS { } }");
            var compilation = Compile("App", "class C { }", real, hidden);

            Assert.Equal("AWSSDK.SQS", compilation.GetBestTypeByMetadataName("Amazon.SQS.IAmazonSQS")?.ContainingAssembly.Name);
        }

        [Fact]
        public void AnswersNothingWhenTwoReferencesDefineTheSamePublicType()
        {
            var first = Library("First", "namespace Amazon.SQS { public interface IAmazonSQS { } }");
            var second = Library("Second", "namespace Amazon.SQS { public interface IAmazonSQS { } }");
            var compilation = Compile("App", "class C { }", first, second);

            Assert.Null(compilation.GetBestTypeByMetadataName("Amazon.SQS.IAmazonSQS"));
        }
    }
}
