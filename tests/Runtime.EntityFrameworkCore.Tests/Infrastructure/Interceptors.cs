using System;
using System.Linq;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>Stands for a process that dies before its changes reach the database: the save never happens.</summary>
public sealed class CrashBeforeSaveInterceptor : SaveChangesInterceptor
{
    public int Crashes { get; private set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Crashes++;
        throw new InvalidOperationException("process killed before SaveChanges");
    }
}

/// <summary>Signals when a SaveChanges that deletes rows (the purge) has committed, with their number.</summary>
public sealed class DeleteObserver : SaveChangesInterceptor
{
    private int _deleting;

    public TaskCompletionSource<int> Deleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _deleting = eventData.Context!.ChangeTracker.Entries().Count(e => e.State == EntityState.Deleted);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_deleting > 0)
        {
            Deleted.TrySetResult(_deleting);
        }

        return ValueTask.FromResult(result);
    }
}

/// <summary>Records the text of every command sent to the database, in order.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Commands { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
