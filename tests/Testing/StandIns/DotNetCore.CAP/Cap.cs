// Stand-in for DotNetCore.CAP 8.x.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DotNetCore.CAP
{
    public interface ICapTransaction : IDisposable
    {
        bool AutoCommit { get; set; }
        object? DbTransaction { get; set; }
        void Commit();
        Task CommitAsync(CancellationToken cancellationToken = default);
        void Rollback();
        Task RollbackAsync(CancellationToken cancellationToken = default);
    }

    public interface ICapPublisher
    {
        IServiceProvider ServiceProvider { get; }
        ICapTransaction? Transaction { get; set; }
        Task PublishAsync<T>(string name, T? contentObj, string? callbackName = null, CancellationToken cancellationToken = default);
        Task PublishAsync<T>(string name, T? contentObj, IDictionary<string, string?> headers, CancellationToken cancellationToken = default);
        void Publish<T>(string name, T? contentObj, string? callbackName = null);
        void Publish<T>(string name, T? contentObj, IDictionary<string, string?> headers);
        Task PublishDelayAsync<T>(TimeSpan delayTime, string name, T? contentObj, string? callbackName = null, CancellationToken cancellationToken = default);
    }

    public abstract class TopicAttribute : Attribute
    {
        protected TopicAttribute(string name, bool isPartial = false) { Name = name; IsPartial = isPartial; }
        public string Name { get; }
        public bool IsPartial { get; }
        public string? Group { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
    public class CapSubscribeAttribute : TopicAttribute
    {
        public CapSubscribeAttribute(string name, bool isPartial = false) : base(name, isPartial) { }
    }

    public interface ICapSubscribe
    {
    }
}
