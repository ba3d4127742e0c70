using System.Threading.Tasks;
using Consistency.Runtime.Inbox;

namespace Consistency.Runtime.Tests.Inbox;

public sealed class InMemoryInboxTests : InboxContract
{
    public override Task InitializeAsync()
    {
        Inbox = new InMemoryInbox(new InboxOptions { TimeProvider = Clock });
        return Task.CompletedTask;
    }
}
