// Stand-in for Paramore.Brighter 9.x.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Paramore.Brighter
{
    public interface IRequest
    {
        Guid Id { get; set; }
    }

    public interface ICommand : IRequest
    {
    }

    public interface IEvent : IRequest
    {
    }

    public class Command : ICommand
    {
        public Command(Guid id) { Id = id; }
        public Guid Id { get; set; }
    }

    public class Event : IEvent
    {
        public Event(Guid id) { Id = id; }
        public Guid Id { get; set; }
    }

    public interface IAmACommandProcessor
    {
        void Send<T>(T command) where T : class, IRequest;
        Task SendAsync<T>(T command, bool continueOnCapturedContext = false, CancellationToken cancellationToken = default) where T : class, IRequest;
        void Publish<T>(T @event) where T : class, IRequest;
        Task PublishAsync<T>(T @event, bool continueOnCapturedContext = false, CancellationToken cancellationToken = default) where T : class, IRequest;
        void Post<T>(T request) where T : class, IRequest;
        Task PostAsync<T>(T request, bool continueOnCapturedContext = false, CancellationToken cancellationToken = default) where T : class, IRequest;
        Guid DepositPost<T>(T request) where T : class, IRequest;
        Task<Guid> DepositPostAsync<T>(T request, bool continueOnCapturedContext = false, CancellationToken cancellationToken = default) where T : class, IRequest;
        void ClearOutbox(params Guid[] posts);
        Task ClearOutboxAsync(Guid[] posts, bool continueOnCapturedContext = false, CancellationToken cancellationToken = default);
    }

    public interface IHandleRequests<TRequest>
        where TRequest : class, IRequest
    {
        TRequest Handle(TRequest command);
    }

    public abstract class RequestHandler<TRequest> : IHandleRequests<TRequest>
        where TRequest : class, IRequest
    {
        public virtual TRequest Handle(TRequest command) => command;
    }

    public abstract class RequestHandlerAsync<TRequest>
        where TRequest : class, IRequest
    {
        public virtual Task<TRequest> HandleAsync(TRequest command, CancellationToken cancellationToken = default) => Task.FromResult(command);
    }
}
