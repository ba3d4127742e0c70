using System;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// An insert whose duplicate-key failure the method catches and lets go: <c>try { …; await _db.SaveChangesAsync(); }
    /// catch (DbUpdateException) { }</c>. Delivered again, the message's row is refused as a duplicate and the handler
    /// takes that as done, so nothing new is inserted, as long as the row's key is the message's and not generated on
    /// each delivery (a new key is never a duplicate). The catch of the store's own failure (EF Core's
    /// <c>DbUpdateException</c>; ADO.NET's <c>DbException</c> or a provider's exception derived from it) that does not
    /// always throw again, around the insert in its method, or around a call on the way to it (the handler's call of a
    /// repository that inserts).
    /// </summary>
    internal sealed class DuplicateKeyCatches
    {
        private static readonly string[] ParameterAdds = { "AddWithValue", "Add" };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? dbUpdateException;
        private readonly INamedTypeSymbol? dbException;

        public DuplicateKeyCatches(Compilation compilation)
        {
            this.compilation = compilation;
            dbUpdateException = compilation.GetBestTypeByMetadataName("Microsoft.EntityFrameworkCore.DbUpdateException");
            dbException = compilation.GetBestTypeByMetadataName("System.Data.Common.DbException");
        }

        /// <summary>Whether the store's failure of this insert (EF Core's <c>SaveChanges</c>, or a Dapper or ADO.NET command) is caught and let go around it in its method.</summary>
        public bool LetsDuplicateGo(IOperation insert, bool entityFramework)
            => (entityFramework ? dbUpdateException : dbException) is { } failure && LetsGo(insert, failure, entityFramework);

        /// <summary>
        /// Whether a call on the way to an insert (a helper's call, in the handler or in another helper) sits in a
        /// <c>try</c> of its method whose catch lets the store's failure go, and hands the helper no generated value (a
        /// key made there, <c>InsertAsync(Guid.NewGuid().ToString())</c>, is never a duplicate).
        /// </summary>
        public bool LetsDuplicateGoAround(SyntaxNode call, bool entityFramework, CancellationToken cancellationToken)
        {
#pragma warning disable RS1030 // A call on an effect's path, in a body the handler's flow reached: the driver caches semantic models per tree.
            var operation = compilation.GetSemanticModel(call.SyntaxTree).GetOperation(call, cancellationToken);
#pragma warning restore RS1030
            return operation is not null && LetsDuplicateGo(operation, entityFramework) && !PassesGeneratedValue(operation);
        }

        private static bool PassesGeneratedValue(IOperation call)
        {
            if (call is not IInvocationOperation invocation)
            {
                return true; // not a call whose arguments can be read: assume the worst
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value is { } value && WriteRequest.IsGenerated(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the entity an EF <c>Add</c> adds gets a generated key: in the creation that builds it (directly or in
        /// the local it was kept in), or by an assignment to that local's key member in the same body.
        /// </summary>
        public static bool AddsUnderGeneratedKey(IInvocationOperation add)
        {
            if (add.Arguments.Length == 0 || add.Arguments[0].Value is not { } argument)
            {
                return false;
            }

            var entity = EffectArguments.Unwrap(argument);
            if (entity is not ILocalReferenceOperation local)
            {
                return WritesGeneratedKey(entity);
            }

            if (EffectArguments.LocalInitializer(local) is { } initializer && WritesGeneratedKey(initializer))
            {
                return true;
            }

            foreach (var assignment in EffectArguments.PropertyAssignments(add, local.Local))
            {
                if (WriteRequest.KeyValue(assignment) is { } value && WriteRequest.IsGenerated(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a SQL command writes a generated key: in the parameters handed to a Dapper call (<c>new { Id =
        /// Guid.NewGuid() }</c>, or a local holding them), or in a parameter added to a command of the same body
        /// (<c>AddWithValue("@id", Guid.NewGuid())</c>, <c>new SqlParameter("@id", Guid.NewGuid())</c>, or a parameter's
        /// <c>Value</c> set to a generated value, unless the parameter is named with no key name).
        /// </summary>
        public static bool CommandWritesGeneratedKey(IInvocationOperation command)
        {
            foreach (var argument in command.Arguments)
            {
                var value = argument.Value is { } given ? EffectArguments.Unwrap(given) : null;
                if (value is ILocalReferenceOperation local)
                {
                    value = EffectArguments.LocalInitializer(local);
                }

                if (value is not null && WritesGeneratedKey(value))
                {
                    return true;
                }
            }

            foreach (var operation in command.Root().Descendants())
            {
                switch (operation)
                {
                    // The name and the value are the last two arguments (an extension method's receiver comes first).
                    case IInvocationOperation { Arguments.Length: >= 2 } add when Array.IndexOf(ParameterAdds, add.TargetMethod.Name) >= 0
                        && IsGeneratedUnderKeyName(add.Arguments[add.Arguments.Length - 2].Value, add.Arguments[add.Arguments.Length - 1].Value):
                        return true;

                    // new SqlParameter("@id", value), as providers' parameters are built.
                    case IObjectCreationOperation { Arguments.Length: >= 2 } creation when IsParameterType(creation.Type)
                        && IsGeneratedUnderKeyName(creation.Arguments[0].Value, creation.Arguments[1].Value):
                        return true;

                    // parameter.Value = value, with the parameter's name set to a key name, or not set where it can be read.
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Value", Instance: { } parameter } } assignment
                        when IsParameterType(parameter.Type) && WriteRequest.IsGenerated(assignment.Value) && !NamedOtherThanKey(parameter, assignment):
                        return true;
                }
            }

            return false;
        }

        private static bool IsGeneratedUnderKeyName(IOperation name, IOperation value)
            => name.ConstantValue is { HasValue: true, Value: string text } && IsKeyParameterName(text) && WriteRequest.IsGenerated(value);

        private static bool IsKeyParameterName(string name) => WriteRequest.IsKeyName(name.TrimStart('@', ':', '?', '$'));

        /// <summary>ADO.NET's parameter types by name: <c>DbParameter</c>, <c>IDbDataParameter</c>, a provider's <c>SqlParameter</c>, <c>NpgsqlParameter</c>…</summary>
        private static bool IsParameterType(ITypeSymbol? type)
            => type is not null && type.Name.EndsWith("Parameter", StringComparison.Ordinal);

        /// <summary>
        /// Whether the parameter whose value is assigned is named with a constant that is not a key name (its value is
        /// then no key): in the same object initializer (<c>new SqlParameter { ParameterName = "@created", Value = … }</c>),
        /// or, for a local, anywhere in the body.
        /// </summary>
        private static bool NamedOtherThanKey(IOperation parameter, ISimpleAssignmentOperation valueAssignment)
        {
            if (parameter is IInstanceReferenceOperation && valueAssignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ParameterName" } } naming
                        && naming.Value.ConstantValue is { HasValue: true, Value: string text })
                    {
                        return !IsKeyParameterName(text);
                    }
                }

                return false;
            }

            if (parameter is not ILocalReferenceOperation local)
            {
                return false;
            }

            foreach (var naming in EffectArguments.PropertyAssignments(valueAssignment, local.Local))
            {
                if (naming.Target is IPropertyReferenceOperation { Property.Name: "ParameterName" } && naming.Value.ConstantValue is { HasValue: true, Value: string text })
                {
                    return !IsKeyParameterName(text);
                }
            }

            return false;
        }

        /// <summary>Whether the value writes a generated value into a key member (<c>new Order { Id = Guid.NewGuid() }</c>).</summary>
        private static bool WritesGeneratedKey(IOperation value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (WriteRequest.KeyValue(operation) is { } key && WriteRequest.IsGenerated(key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a <c>try</c> of the method holds the call in its body and has a catch of the store's failure that does
        /// not always throw again. A lambda or a local function between them is another method: its caller's catch is not read.
        /// </summary>
        private static bool LetsGo(IOperation call, INamedTypeSymbol failure, bool entityFramework)
        {
            var node = call;
            for (var parent = call.Parent; parent is not null; node = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is not ITryOperation @try || node != @try.Body)
                {
                    continue;
                }

                foreach (var clause in @try.Catches)
                {
                    if (CatchesStoreFailure(clause.ExceptionType, failure, entityFramework) && !AlwaysThrows(clause.Handler))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// EF Core reports a duplicate as <c>DbUpdateException</c> itself (a catch of a type derived from it, such as
        /// <c>DbUpdateConcurrencyException</c>, does not see it); ADO.NET providers as an exception derived from
        /// <c>DbException</c>. A catch of every exception is not read as this check.
        /// </summary>
        private static bool CatchesStoreFailure(ITypeSymbol? caught, INamedTypeSymbol failure, bool entityFramework)
        {
            if (caught is null)
            {
                return false;
            }

            if (entityFramework)
            {
                return SymbolEqualityComparer.Default.Equals(caught.OriginalDefinition, failure);
            }

            for (var type = caught; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, failure))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether every way through the catch throws again: one of its statements is a <c>throw</c> and none before it can
        /// leave the catch. A throw under a condition (<c>if (!IsUniqueViolation(e)) throw;</c>, a <c>switch</c> on the
        /// error code) lets the other failures go, and so does a <c>return</c> before the throw.
        /// </summary>
        private static bool AlwaysThrows(IBlockOperation handler)
        {
            foreach (var statement in handler.Operations)
            {
                if (statement is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation })
                {
                    return true;
                }

                if (MayLeave(statement))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>A return, a goto, or a break or continue of a loop outside the statement (not one in a lambda or a local function).</summary>
        private static bool MayLeave(IOperation statement)
        {
            foreach (var operation in statement.Descendants())
            {
                bool leaves = operation.Kind switch
                {
                    OperationKind.Return or OperationKind.YieldBreak => true,
                    OperationKind.Branch => ((IBranchOperation)operation).BranchKind switch
                    {
                        BranchKind.Break => !IsWithin(operation, statement, breaks: true),
                        BranchKind.Continue => !IsWithin(operation, statement, breaks: false),
                        _ => true,
                    },
                    _ => false,
                };
                if (leaves && !operation.IsInsideFunction(statement))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a loop (or, for a break, a switch) of the statement holds the branch.</summary>
        private static bool IsWithin(IOperation branch, IOperation statement, bool breaks)
        {
            for (var parent = branch.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILoopOperation || (breaks && parent is ISwitchOperation))
                {
                    return true;
                }

                if (parent == statement)
                {
                    break;
                }
            }

            return false;
        }
    }
}
