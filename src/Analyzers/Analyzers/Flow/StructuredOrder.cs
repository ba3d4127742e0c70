using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// Orders the sites of a body by a walk of its statements, without a control flow graph, for the shapes service
    /// code is made of: blocks, <c>if</c>/<c>else</c>, <c>while</c>, <c>do</c>, <c>for</c> and <c>foreach</c> loops with
    /// <c>break</c> and <c>continue</c>, <c>try</c>/<c>catch</c>/<c>finally</c>, and <c>return</c> or <c>throw</c>
    /// anywhere; lambdas, local functions, <c>?.</c>, <c>??</c> and <c>?:</c> when they hold no site.
    /// <para>
    /// The walk carries the set of sites that may have run before the current point, and one site may precede another
    /// when it is in that set where the other runs. It gives the relation <see cref="Reachability"/> gives on the graph,
    /// exception edges included: every point of a <c>try</c> may continue in its <c>catch</c> clauses and its
    /// <c>finally</c>, and the end of a <c>finally</c> continues after the <c>try</c>. Any other construct (<c>goto</c>,
    /// <c>switch</c>, <c>using</c>, <c>lock</c>, <c>yield</c>, a short-circuit operator around a site, a branch that
    /// leaves a <c>finally</c>'s <c>try</c>, unreachable code) makes the walk give up, and the graph decides.
    /// </para>
    /// </summary>
    internal sealed class StructuredOrder
    {
        /// <summary>At most this many sites: the set of sites before a point is one <see cref="ulong"/>.</summary>
        private const int MaxSites = 64;

        /// <summary>Deeper than this (long chains of binary operators), the graph decides.</summary>
        private const int MaxDepth = 128;

        private readonly SummaryBuilder builder;
        private readonly Dictionary<SyntaxNode, int> indexOf = new();
        private readonly List<SummaryBuilder.PlacedSite> placed = new();
        private readonly List<ulong> predecessors = new();

        // The try statements around the current point: each collects every set of sites that reaches a point inside it,
        // which is what its catch clauses or its finally start with.
        private readonly List<TryFrame> tries = new();
        private LoopFrame? loop;
        private int finallyDepth;

        private StructuredOrder(SummaryBuilder builder)
        {
            this.builder = builder;
        }

        /// <summary>The sites in order, each with the sites that may run after it; null when the graph must decide.</summary>
        public static (List<SummaryBuilder.PlacedSite> Placed, Reachability Reachability)? Order(SummaryBuilder builder, IOperation body)
        {
            var block = body switch
            {
                IMethodBodyOperation { BlockBody: { } blockBody, ExpressionBody: null } => blockBody,
                IMethodBodyOperation { BlockBody: null, ExpressionBody: { } expressionBody } => expressionBody,
                IBlockOperation { Parent: null } root => root,
                _ => null,
            };
            if (block is null)
            {
                return null;
            }

            var order = new StructuredOrder(builder);
            ulong? state = 0;
            if (!order.Statement(block, ref state, depth: 0) || order.placed.Count != builder.SiteCount)
            {
                return null; // a site this walk did not model, or never reached
            }

            return (order.placed, Reachability.FromOrder(order.predecessors));
        }

        // Statements ---------------------------------------------------------------------------------------------

        private bool Statement(IOperation statement, ref ulong? state, int depth)
        {
            builder.CancellationToken.ThrowIfCancellationRequested();
            if (depth > MaxDepth)
            {
                return false;
            }

            switch (statement)
            {
                case IBlockOperation block:
                    foreach (var inner in block.Operations)
                    {
                        if (!Statement(inner, ref state, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;

                case IExpressionStatementOperation { Operation: IThrowOperation @throw }:
                    return Throw(@throw, ref state, depth);

                case IThrowOperation @throw:
                    return Throw(@throw, ref state, depth);

                case IExpressionStatementOperation or IVariableDeclarationGroupOperation:
                    return Expression(statement, ref state, depth + 1);

                case IConditionalOperation conditional:
                    return If(conditional, ref state, depth);

                case IWhileLoopOperation or IForLoopOperation or IForEachLoopOperation:
                    return Loop((ILoopOperation)statement, ref state, depth);

                case ITryOperation @try:
                    return Try(@try, ref state, depth);

                case IReturnOperation { Kind: OperationKind.Return } @return:
                    if ((@return.ReturnedValue is { } value && !Expression(value, ref state, depth + 1)) || finallyDepth > 0)
                    {
                        return false; // a return through a finally continues there
                    }

                    state = null;
                    return true;

                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } branch:
                    if (loop is null || loop.FinallyDepth != finallyDepth || !IsLoopBranch(branch, loop.Operation))
                    {
                        return false;
                    }

                    if (branch.BranchKind == BranchKind.Break)
                    {
                        loop.Breaks = Join(loop.Breaks, state);
                    }
                    else
                    {
                        loop.Continues = Join(loop.Continues, state);
                    }

                    state = null;
                    return true;

                case ILocalFunctionOperation localFunction:
                    return !builder.ContainsSite(localFunction.Syntax); // its body runs where it is called

                case IEmptyOperation:
                    return true;

                default:
                    return false; // switch, using, lock, goto, labels, yield, and anything else: the graph decides
            }
        }

        private static bool IsLoopBranch(IBranchOperation branch, ILoopOperation loop)
            => SymbolEqualityComparer.Default.Equals(branch.Target, branch.BranchKind == BranchKind.Break ? loop.ExitLabel : loop.ContinueLabel);

        private bool Throw(IThrowOperation @throw, ref ulong? state, int depth)
        {
            if (@throw.Exception is { } exception && !Expression(exception, ref state, depth + 1))
            {
                return false;
            }

            state = null; // what follows runs only from a catch or a finally, which took the state already
            return true;
        }

        private bool If(IConditionalOperation conditional, ref ulong? state, int depth)
        {
            // A constant condition makes a branch unreachable in the graph.
            if (conditional.Condition.ConstantValue.HasValue || !Condition(conditional.Condition, ref state, depth))
            {
                return false;
            }

            ulong? whenTrue = state;
            if (!Statement(conditional.WhenTrue, ref whenTrue, depth + 1))
            {
                return false;
            }

            ulong? whenFalse = state;
            if (conditional.WhenFalse is { } otherwise && !Statement(otherwise, ref whenFalse, depth + 1))
            {
                return false;
            }

            state = Join(whenTrue, whenFalse);
            return true;
        }

        private bool Loop(ILoopOperation operation, ref ulong? state, int depth)
        {
            IOperation? condition = null;
            bool conditionFirst = true;
            var atBottom = ImmutableArray<IOperation>.Empty;
            switch (operation)
            {
                case IWhileLoopOperation { ConditionIsUntil: false } whileLoop:
                    condition = whileLoop.Condition;
                    conditionFirst = whileLoop.ConditionIsTop;
                    break;

                case IForLoopOperation forLoop:
                    foreach (var initializer in forLoop.Before)
                    {
                        if (!Statement(initializer, ref state, depth + 1))
                        {
                            return false;
                        }
                    }

                    condition = forLoop.Condition;
                    atBottom = forLoop.AtLoopBottom;
                    break;

                case IForEachLoopOperation { IsAsynchronous: false } forEach when !LeavesAbruptly(forEach.Body):
                    // The graph puts the loop in a try with a finally that disposes the enumerator (for arrays and
                    // strings too), unless the enumerator cannot be disposed: a site before a return or a throw in the
                    // body may then continue after the loop, or not. Only bodies without those are walked here.
                    if (!Expression(forEach.Collection, ref state, depth + 1))
                    {
                        return false;
                    }

                    break;

                default:
                    return false;
            }

            // A loop that ends only by break (while (true), for (;;)) has no exit from its condition.
            bool endless = condition is null && operation is IForLoopOperation;
            if (condition is not null)
            {
                if (condition.ConstantValue is { HasValue: true, Value: true })
                {
                    endless = true;
                }
                else if (condition.ConstantValue.HasValue || builder.ContainsSite(condition.Syntax))
                {
                    return false;
                }
            }

            var frame = new LoopFrame(operation, finallyDepth, loop);
            loop = frame;

            // The body runs from the entry, and again from its end and from every continue, until nothing new reaches
            // its start: the sites of the body then run after themselves and each other.
            ulong? entry = state;
            ulong? start = entry;
            ulong? end;
            while (true)
            {
                frame.Breaks = null;
                frame.Continues = null;
                end = start;
                if (!Statement(operation.Body, ref end, depth + 1))
                {
                    return false;
                }

                end = Join(end, frame.Continues);
                foreach (var step in atBottom)
                {
                    if (!Statement(step, ref end, depth + 1))
                    {
                        return false;
                    }
                }

                var next = Join(entry, end);
                if (next == start)
                {
                    break;
                }

                start = next;
            }

            loop = frame.Outer;

            // The condition is tested at the start (while, for, foreach) or after the body (do): it exits from there.
            ulong? exit = endless ? null : conditionFirst ? start : end;
            state = Join(exit, frame.Breaks);
            return true;
        }

        /// <summary>Whether a loop body returns or throws (lambdas and local functions apart).</summary>
        private static bool LeavesAbruptly(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation or IThrowOperation || operation is IBranchOperation { BranchKind: BranchKind.GoTo })
                {
                    if (!operation.IsInsideFunction(body))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool Try(ITryOperation @try, ref ulong? state, int depth)
        {
            if (state is not { } entry)
            {
                return false; // unreachable: the graph decides
            }

            // With a finally, the catch clauses are inside the finally's try: every point of them may continue there.
            // (A walk that gives up is discarded whole, so the frames are not restored on the way out.)
            var finallyFrame = @try.Finally is null ? null : new TryFrame(entry);
            var catchFrame = @try.Catches.IsEmpty ? null : new TryFrame(entry);
            if (finallyFrame is not null)
            {
                tries.Add(finallyFrame);
                finallyDepth++;
            }

            if (catchFrame is not null)
            {
                tries.Add(catchFrame);
            }

            ulong? after = state;
            if (!Statement(@try.Body, ref after, depth + 1))
            {
                return false;
            }

            if (catchFrame is not null)
            {
                tries.Remove(catchFrame);
                foreach (var clause in @try.Catches)
                {
                    ulong? handled = catchFrame.Reached;
                    if ((clause.Filter is { } filter && (filter.ConstantValue.HasValue || !Condition(filter, ref handled, depth)))
                        || !Statement(clause.Handler, ref handled, depth + 1))
                    {
                        return false;
                    }

                    after = Join(after, handled);
                }
            }

            if (finallyFrame is not null)
            {
                tries.Remove(finallyFrame);
                finallyDepth--;
                ulong? finallyEnd = finallyFrame.Reached;
                if (!Statement(@try.Finally!, ref finallyEnd, depth + 1))
                {
                    return false;
                }

                // The end of the finally continues where the try and its catch clauses went on: after the try.
                after = after is null ? null : finallyEnd;
            }

            state = after;
            return true;
        }

        // Expressions --------------------------------------------------------------------------------------------

        /// <summary>A condition: walked when it holds a site, so that its sites run before both branches.</summary>
        private bool Condition(IOperation condition, ref ulong? state, int depth)
            => !builder.ContainsSite(condition.Syntax) || Expression(condition, ref state, depth + 1);

        /// <summary>
        /// The sites of an expression in the order it runs them (operands before the operation), as the graph places
        /// them in one block. Constructs that branch are passed over when they hold no site and cannot throw (the
        /// branches meet again after them), and make the walk give up otherwise.
        /// </summary>
        private bool Expression(IOperation operation, ref ulong? state, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            // A switch on the kind, not on interface types: this runs for every operation of every walked expression.
            switch (operation.Kind)
            {
                case OperationKind.AnonymousFunction:
                case OperationKind.LocalFunction:
                    return !builder.ContainsSite(operation.Syntax); // runs when it is called, not here

                case OperationKind.Conditional:
                case OperationKind.SwitchExpression:
                case OperationKind.ConditionalAccess:
                case OperationKind.Coalesce:
                case OperationKind.CoalesceAssignment:
                case OperationKind.With:
                case OperationKind.TranslatedQuery:
                case OperationKind.InterpolatedStringHandlerCreation: // a handler's Append may return false and skip the rest
                case OperationKind.Binary when ((IBinaryOperation)operation).OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr:
                    return !builder.ContainsSite(operation.Syntax) && !Throws(operation);

                case OperationKind.Throw:
                case OperationKind.Invalid:
                case OperationKind.Block:
                    return false;

                // The graph constructs the object before running its initializer: the creation is placed first there.
                case OperationKind.ObjectCreation when ((IObjectCreationOperation)operation).Initializer is not null && builder.SiteOf(operation) is not null:
                    return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (!Expression(child, ref state, depth + 1))
                {
                    return false;
                }
            }

            return builder.SiteOf(operation) is not { } site || Place(site, ref state);
        }

        /// <summary>Whether a branching expression can throw (a throw expression outside its lambdas): it may end every path.</summary>
        private static bool Throws(IOperation operation)
        {
            foreach (var descendant in operation.Descendants())
            {
                if (descendant is IThrowOperation && !descendant.IsInsideFunction(operation))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Place(SummaryBuilder.Site site, ref ulong? state)
        {
            if (state is not { } reached)
            {
                return false; // unreachable code: the graph decides
            }

            if (!indexOf.TryGetValue(site.Syntax, out int index))
            {
                if (placed.Count == MaxSites)
                {
                    return false;
                }

                index = placed.Count;
                indexOf[site.Syntax] = index;
                placed.Add(new SummaryBuilder.PlacedSite(site, index, 0));
                predecessors.Add(0);
            }

            // Every site that may have run before this point may run before this site.
            predecessors[index] |= reached;
            reached |= 1UL << index;
            state = reached;
            foreach (var frame in tries)
            {
                frame.Reached |= reached;
            }

            return true;
        }

        private static ulong? Join(ulong? first, ulong? second)
            => first is null ? second : second is null ? first : first.Value | second.Value;

        private sealed class TryFrame
        {
            public TryFrame(ulong entry)
            {
                Reached = entry;
            }

            /// <summary>Every site that may have run before some point of the try (its entry included).</summary>
            public ulong Reached { get; set; }
        }

        private sealed class LoopFrame
        {
            public LoopFrame(ILoopOperation operation, int finallyDepth, LoopFrame? outer)
            {
                Operation = operation;
                FinallyDepth = finallyDepth;
                Outer = outer;
            }

            public ILoopOperation Operation { get; }

            /// <summary>How many finally clauses were around the loop: a break or continue inside more would go through one.</summary>
            public int FinallyDepth { get; }

            public LoopFrame? Outer { get; }

            public ulong? Breaks { get; set; }

            public ulong? Continues { get; set; }
        }
    }
}
