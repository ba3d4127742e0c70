// Stand-in for JustSaying 7.x.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace JustSaying.Models
{
    public abstract class Message
    {
        public Guid Id { get; set; }
        public DateTime TimeStamp { get; set; }
        public string? RaisingComponent { get; set; }
        public string? Conversation { get; set; }
    }
}

namespace JustSaying.Messaging.MessageHandling
{
    public interface IHandlerAsync<in T>
    {
        Task<bool> Handle(T message);
    }
}

namespace JustSaying.Messaging
{
    public interface IMessagePublisher
    {
        Task PublishAsync(JustSaying.Models.Message message, CancellationToken cancellationToken);
    }
}
