using System.Threading.Tasks;
using Consistency.Runtime.Idempotency;

namespace Consistency.Runtime.Tests.Idempotency;

public sealed class InMemoryIdempotencyHandlerTests : IdempotencyHandlerContract
{
    public override Task InitializeAsync()
    {
        Store = new InMemoryIdempotencyStore();
        return Task.CompletedTask;
    }
}
