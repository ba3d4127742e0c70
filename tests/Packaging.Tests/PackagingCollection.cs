namespace Consistency.Packaging.Tests
{
    /// <summary>All packaging tests share one pack; they run one after another because they drive the real SDK.</summary>
    [CollectionDefinition(Name)]
    public sealed class PackagingCollection : ICollectionFixture<PackagesFixture>
    {
        public const string Name = "Packaging";
    }
}
