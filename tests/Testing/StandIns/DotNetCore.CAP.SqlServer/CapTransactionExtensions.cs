// StandIn-References: DotNetCore.CAP, Microsoft.EntityFrameworkCore
// Stand-in for DotNetCore.CAP.SqlServer 8.x: transactions that enlist CAP's message store (its outbox).
using System.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DotNetCore.CAP
{
    public static class CapTransactionExtensions
    {
        public static IDbTransaction BeginTransaction(this IDbConnection dbConnection, ICapPublisher publisher, bool autoCommit = false) => throw null!;
        public static IDbContextTransaction BeginTransaction(this DatabaseFacade database, ICapPublisher publisher, bool autoCommit = false) => throw null!;
    }
}
