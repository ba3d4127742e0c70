// Stand-in for MongoDB.Driver 3.x.
using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;

namespace MongoDB.Driver
{
    public abstract class FilterDefinition<TDocument>
    {
        public static implicit operator FilterDefinition<TDocument>(Expression<Func<TDocument, bool>> predicate) => throw null!;
    }

    public abstract class UpdateDefinition<TDocument>
    {
    }

    public abstract class WriteModel<TDocument>
    {
    }

    public class InsertOneModel<TDocument> : WriteModel<TDocument>
    {
        public InsertOneModel(TDocument document) { }
    }

    public class InsertOneOptions { }
    public class InsertManyOptions { }
    public class ReplaceOptions { public bool IsUpsert { get; set; } }
    public class UpdateOptions { public bool IsUpsert { get; set; } }
    public class DeleteOptions { }
    public class BulkWriteOptions { }
    public class FindOptions { }
    public class FindOptions<TDocument, TProjection> { }

    public abstract class ReplaceOneResult { public abstract long ModifiedCount { get; } }
    public abstract class UpdateResult { public abstract long ModifiedCount { get; } }
    public abstract class DeleteResult { public abstract long DeletedCount { get; } }
    public abstract class BulkWriteResult<TDocument> { public abstract long InsertedCount { get; } }

    public interface IAsyncCursor<out TDocument> : IDisposable
    {
        IEnumerable<TDocument> Current { get; }
        bool MoveNext(CancellationToken cancellationToken = default);
        Task<bool> MoveNextAsync(CancellationToken cancellationToken = default);
    }

    public interface IFindFluent<TDocument, TProjection>
    {
        IFindFluent<TDocument, TProjection> Limit(int? limit);
    }

    public interface IClientSessionHandle : IDisposable
    {
        void StartTransaction();
        void CommitTransaction(CancellationToken cancellationToken = default);
        Task CommitTransactionAsync(CancellationToken cancellationToken = default);
        void AbortTransaction(CancellationToken cancellationToken = default);
        Task AbortTransactionAsync(CancellationToken cancellationToken = default);
    }

    public interface IMongoCollection<TDocument>
    {
        void InsertOne(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);
        void InsertOne(IClientSessionHandle session, TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);
        Task InsertOneAsync(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);
        Task InsertOneAsync(IClientSessionHandle session, TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default);
        void InsertMany(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default);
        Task InsertManyAsync(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default);
        ReplaceOneResult ReplaceOne(FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default);
        Task<ReplaceOneResult> ReplaceOneAsync(FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default);
        UpdateResult UpdateOne(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);
        Task<UpdateResult> UpdateOneAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);
        UpdateResult UpdateMany(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);
        Task<UpdateResult> UpdateManyAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default);
        DeleteResult DeleteOne(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default);
        Task<DeleteResult> DeleteOneAsync(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default);
        DeleteResult DeleteMany(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default);
        Task<DeleteResult> DeleteManyAsync(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default);
        BulkWriteResult<TDocument> BulkWrite(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default);
        Task<BulkWriteResult<TDocument>> BulkWriteAsync(IEnumerable<WriteModel<TDocument>> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default);
        Task<TDocument> FindOneAndUpdateAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, CancellationToken cancellationToken = default);
        Task<IAsyncCursor<TProjection>> FindAsync<TProjection>(FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default);
        long CountDocuments(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default);
    }

    public static class IMongoCollectionExtensions
    {
        public static IFindFluent<TDocument, TDocument> Find<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, FindOptions? options = null) => throw null!;
        public static IFindFluent<TDocument, TDocument> Find<TDocument>(this IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, FindOptions? options = null) => throw null!;
        public static Task<IAsyncCursor<TDocument>> FindAsync<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, FindOptions<TDocument, TDocument>? options = null, CancellationToken cancellationToken = default) => throw null!;
        public static DeleteResult DeleteOne<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, CancellationToken cancellationToken = default) => throw null!;
        public static Task<DeleteResult> DeleteOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, CancellationToken cancellationToken = default) => throw null!;
        public static DeleteResult DeleteMany<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, CancellationToken cancellationToken = default) => throw null!;
        public static Task<DeleteResult> DeleteManyAsync<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, CancellationToken cancellationToken = default) => throw null!;
        public static Task<ReplaceOneResult> ReplaceOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<UpdateResult> UpdateOneAsync<TDocument>(this IMongoCollection<TDocument> collection, Expression<Func<TDocument, bool>> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public static class IFindFluentExtensions
    {
        public static Task<List<TProjection>> ToListAsync<TDocument, TProjection>(this IFindFluent<TDocument, TProjection> find, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TProjection> FirstOrDefaultAsync<TDocument, TProjection>(this IFindFluent<TDocument, TProjection> find, CancellationToken cancellationToken = default) => throw null!;
    }

    public interface IMongoDatabase
    {
        IMongoCollection<TDocument> GetCollection<TDocument>(string name);
    }

    public interface IMongoClient
    {
        IMongoDatabase GetDatabase(string name);
        IClientSessionHandle StartSession();
        Task<IClientSessionHandle> StartSessionAsync(CancellationToken cancellationToken = default);
    }
}
