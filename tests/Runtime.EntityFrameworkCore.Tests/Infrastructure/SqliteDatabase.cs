using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A private in-memory SQLite database: the connection stays open for the test's lifetime (an in-memory database
/// lives as long as its connection), and every context of the test uses it.
/// </summary>
public sealed class SqliteDatabase<TContext> : IDisposable
    where TContext : DbContext
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Func<DbContextOptions<TContext>, TContext> _create;

    public SqliteDatabase(Func<DbContextOptions<TContext>, TContext> create)
    {
        _create = create;
        _connection.Open();
        using var context = CreateContext();
        context.Database.EnsureCreated();
    }

    public TContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite(_connection);
        if (interceptors.Length > 0)
        {
            options.AddInterceptors(interceptors);
        }

        return _create(options.Options);
    }

    /// <summary>Rows of a query run directly on the engine, bypassing EF Core.</summary>
    public List<object?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql).Single()[0], System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _connection.Dispose();
}

public static class ShopDatabase
{
    public static SqliteDatabase<ShopContext> Create() => new(options => new ShopContext(options));
}
