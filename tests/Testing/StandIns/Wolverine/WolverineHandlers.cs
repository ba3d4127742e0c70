// Stand-in for Wolverine 3.x: the types its handler discovery looks for.
using System;

namespace Wolverine
{
    public interface IWolverineHandler
    {
    }

    public abstract class Saga
    {
        public void MarkCompleted() { }
    }
}

namespace Wolverine.Attributes
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public class WolverineHandlerAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public class WolverineIgnoreAttribute : Attribute
    {
    }
}
