// Stand-in for Microsoft.Extensions.Hosting.Abstractions 8.x (BackgroundService and IHostedService only).
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        Task StartAsync(CancellationToken cancellationToken);
        Task StopAsync(CancellationToken cancellationToken);
    }

    public abstract class BackgroundService : IHostedService, IDisposable
    {
        public virtual Task? ExecuteTask => throw null!;
        protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
        public virtual Task StartAsync(CancellationToken cancellationToken) => throw null!;
        public virtual Task StopAsync(CancellationToken cancellationToken) => throw null!;
        public virtual void Dispose() { }
    }
}
