// Stand-in for Microsoft.EntityFrameworkCore 9.x.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace Microsoft.EntityFrameworkCore
{
    public class DbContextOptions
    {
    }

    public class DbUpdateException : Exception
    {
        public DbUpdateException() { }
        public DbUpdateException(string message) : base(message) { }
        public DbUpdateException(string message, Exception? innerException) : base(message, innerException) { }
        public virtual IReadOnlyList<EntityEntry> Entries => throw null!;
    }

    public class DbUpdateConcurrencyException : DbUpdateException
    {
        public DbUpdateConcurrencyException() { }
        public DbUpdateConcurrencyException(string message) : base(message) { }
        public DbUpdateConcurrencyException(string message, Exception? innerException) : base(message, innerException) { }
    }

    public class DbContext : IDisposable, IAsyncDisposable
    {
        public DbContext() { }
        public DbContext(DbContextOptions options) { }
        public virtual DatabaseFacade Database => throw null!;
        public virtual DbSet<TEntity> Set<TEntity>() where TEntity : class => throw null!;
        public virtual int SaveChanges() => throw null!;
        public virtual int SaveChanges(bool acceptAllChangesOnSuccess) => throw null!;
        public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => throw null!;
        public virtual EntityEntry<TEntity> Add<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual EntityEntry Add(object entity) => throw null!;
        public virtual ValueTask<EntityEntry<TEntity>> AddAsync<TEntity>(TEntity entity, CancellationToken cancellationToken = default) where TEntity : class => throw null!;
        public virtual EntityEntry<TEntity> Update<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual EntityEntry<TEntity> Remove<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual void AddRange(params object[] entities) => throw null!;
        public virtual void RemoveRange(params object[] entities) => throw null!;
        public virtual TEntity? Find<TEntity>(params object?[]? keyValues) where TEntity : class => throw null!;
        public virtual ValueTask<TEntity?> FindAsync<TEntity>(params object?[]? keyValues) where TEntity : class => throw null!;
        public virtual void Dispose() { }
        public virtual ValueTask DisposeAsync() => default;
        protected internal virtual void OnModelCreating(ModelBuilder modelBuilder) { }
    }

    public class ModelBuilder
    {
    }

    public abstract class DbSet<TEntity> : IQueryable<TEntity>
        where TEntity : class
    {
        public virtual EntityEntry<TEntity> Add(TEntity entity) => throw null!;
        public virtual ValueTask<EntityEntry<TEntity>> AddAsync(TEntity entity, CancellationToken cancellationToken = default) => throw null!;
        public virtual void AddRange(params TEntity[] entities) => throw null!;
        public virtual void AddRange(IEnumerable<TEntity> entities) => throw null!;
        public virtual EntityEntry<TEntity> Update(TEntity entity) => throw null!;
        public virtual EntityEntry<TEntity> Remove(TEntity entity) => throw null!;
        public virtual void RemoveRange(params TEntity[] entities) => throw null!;
        public virtual void RemoveRange(IEnumerable<TEntity> entities) => throw null!;
        public virtual EntityEntry<TEntity> Attach(TEntity entity) => throw null!;
        public virtual TEntity? Find(params object?[]? keyValues) => throw null!;
        public virtual ValueTask<TEntity?> FindAsync(params object?[]? keyValues) => throw null!;
        Type IQueryable.ElementType => throw null!;
        Expression IQueryable.Expression => throw null!;
        IQueryProvider IQueryable.Provider => throw null!;
        IEnumerator<TEntity> IEnumerable<TEntity>.GetEnumerator() => throw null!;
        IEnumerator IEnumerable.GetEnumerator() => throw null!;
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource[]> ToArrayAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource> FirstAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource> FirstAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource> SingleAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource> SingleAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource?> SingleOrDefaultAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => throw null!;
        public static Task<bool> AnyAsync<TSource>(this IQueryable<TSource> source, Expression<Func<TSource, bool>> predicate, CancellationToken cancellationToken = default) => throw null!;
        public static Task<int> CountAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static int ExecuteDelete<TSource>(this IQueryable<TSource> source) => throw null!;
        public static Task<int> ExecuteDeleteAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static int ExecuteUpdate<TSource>(this IQueryable<TSource> source, Expression<Func<SetPropertyCalls<TSource>, SetPropertyCalls<TSource>>> setPropertyCalls) => throw null!;
        public static Task<int> ExecuteUpdateAsync<TSource>(this IQueryable<TSource> source, Expression<Func<SetPropertyCalls<TSource>, SetPropertyCalls<TSource>>> setPropertyCalls, CancellationToken cancellationToken = default) => throw null!;
        public static IQueryable<TEntity> AsNoTracking<TEntity>(this IQueryable<TEntity> source) where TEntity : class => throw null!;
    }
}

namespace Microsoft.EntityFrameworkCore.Query
{
    public sealed class SetPropertyCalls<TSource>
    {
        public SetPropertyCalls<TSource> SetProperty<TProperty>(Func<TSource, TProperty> propertyExpression, TProperty valueExpression) => throw null!;
    }
}

namespace Microsoft.EntityFrameworkCore.ChangeTracking
{
    public class EntityEntry
    {
        public object Entity => throw null!;
    }

    public class EntityEntry<TEntity> : EntityEntry
        where TEntity : class
    {
        public new TEntity Entity => throw null!;
    }
}

namespace Microsoft.EntityFrameworkCore.Storage
{
    public interface IDbContextTransaction : IDisposable, IAsyncDisposable
    {
        Guid TransactionId { get; }
        void Commit();
        Task CommitAsync(CancellationToken cancellationToken = default);
        void Rollback();
        Task RollbackAsync(CancellationToken cancellationToken = default);
    }

    public interface IExecutionStrategy
    {
        bool RetriesOnFailure { get; }
    }
}

namespace Microsoft.EntityFrameworkCore.Infrastructure
{
    public class DatabaseFacade
    {
        public DatabaseFacade(DbContext context) { }
        public virtual IDbContextTransaction? CurrentTransaction => throw null!;
        public virtual IDbContextTransaction BeginTransaction() => throw null!;
        public virtual Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual void CommitTransaction() => throw null!;
        public virtual Task CommitTransactionAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual void RollbackTransaction() => throw null!;
        public virtual IExecutionStrategy CreateExecutionStrategy() => throw null!;
    }
}

namespace Microsoft.EntityFrameworkCore
{
    public static class ExecutionStrategyExtensions
    {
        public static Task ExecuteAsync(this IExecutionStrategy strategy, Func<Task> operation) => throw null!;
        public static void Execute(this IExecutionStrategy strategy, Action operation) => throw null!;
    }
}
