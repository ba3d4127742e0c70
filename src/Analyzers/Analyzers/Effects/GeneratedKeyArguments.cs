using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// Keys that the project's own code builds from a value a request passes in: <c>Item(Guid.NewGuid().ToString())</c>
    /// where <c>Item(string id)</c> returns <c>new() { ["pk"] = new AttributeValue { S = id } }</c>, a constructor that
    /// sets <c>Id</c> from its argument, a positional record whose <c>Id</c> is the argument. A call or a creation of the
    /// compilation that passes a generated value (<see cref="WriteRequest.IsGenerated(IOperation)"/>) is followed into
    /// its body, and through the calls made there with that value (two levels); the value is a generated key when it
    /// reaches a key member (<see cref="WriteRequest.IsKeyName"/>). Calls without a generated argument are not followed,
    /// so reading a request binds no helper that could not change the answer.
    /// </summary>
    internal static class GeneratedKeyArguments
    {
        private const int MaxDepth = 2;

        /// <summary>Whether the call or creation passes a generated value that the method or constructor puts into a key member.</summary>
        public static bool BuildsGeneratedKey(IOperation callOrCreation) => BuildsGeneratedKey(callOrCreation, generated: null, depth: 0);

        /// <summary>
        /// The same, inside a body being followed: an argument is generated when it is, or when it is computed from one of
        /// <paramref name="generated"/> (the parameters of that body that hold generated values; null at the request).
        /// </summary>
        private static bool BuildsGeneratedKey(IOperation callOrCreation, HashSet<IParameterSymbol>? generated, int depth)
        {
            if (Target(callOrCreation, out var arguments) is not { } target)
            {
                return false;
            }

            HashSet<IParameterSymbol>? passed = null;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && argument.Value is { } value && WriteRequest.IsGenerated(value, generated))
                {
                    var definition = target.Parameters.Length > parameter.Ordinal ? target.Parameters[parameter.Ordinal] : null;
                    if (definition is not null)
                    {
                        (passed ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)).Add(definition);
                    }
                }
            }

            if (passed is null)
            {
                return false;
            }

            foreach (var reference in target.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();

                // A positional record sets the property of each parameter's name from it.
                if (syntax is RecordDeclarationSyntax)
                {
                    foreach (var parameter in passed)
                    {
                        if (WriteRequest.IsKeyName(parameter.Name))
                        {
                            return true;
                        }
                    }

                    continue;
                }

                if (Body(callOrCreation, syntax) is { } body && PutsIntoKey(body, passed, depth))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The method (ordinary or local function) or constructor of the compilation that the operation runs, with its arguments.</summary>
        private static IMethodSymbol? Target(IOperation operation, out System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            IMethodSymbol? method = null;
            arguments = default;
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    var invocation = (IInvocationOperation)operation;
                    // A helper that returns what it builds, or the constructor a constructor chains to (": this(id)").
                    var called = invocation.TargetMethod;
                    if (called is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction, ReturnsVoid: false } or { MethodKind: MethodKind.Constructor })
                    {
                        method = called;
                        arguments = invocation.Arguments;
                    }

                    break;

                case OperationKind.ObjectCreation:
                    var creation = (IObjectCreationOperation)operation;
                    method = creation.Constructor;
                    arguments = creation.Arguments;
                    break;
            }

            // Only a body of the compilation can be read; most calls in a request are of the SDK's or the framework's methods.
            if (method is null || arguments.IsDefaultOrEmpty || method.Locations.IsEmpty || !method.Locations[0].IsInSource)
            {
                return null;
            }

            method = method.OriginalDefinition;
            return method.PartialImplementationPart ?? method;
        }

        private static IOperation? Body(IOperation from, SyntaxNode declaration)
        {
            if (from.SemanticModel?.Compilation is not { } compilation || !compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                return null;
            }

#pragma warning disable RS1030 // The helper's body is in another member, often another tree; the driver caches semantic models per tree.
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(declaration) switch
            {
                IMethodBodyOperation method => method,
                IConstructorBodyOperation constructor => constructor,
                ILocalFunctionOperation localFunction => localFunction,
                _ => null,
            };
        }

        /// <summary>Whether the body assigns or adds a key member from one of the parameters, or passes one on to a body that does.</summary>
        private static bool PutsIntoKey(IOperation body, HashSet<IParameterSymbol> passed, int depth)
        {
            foreach (var operation in body.Descendants())
            {
                if (WriteRequest.KeyValue(operation) is { } value && WriteRequest.IsGenerated(value, passed))
                {
                    return true;
                }

                // The value handed on to another helper, or to the constructor this one chains to.
                if (depth < MaxDepth && operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation
                    && BuildsGeneratedKey(operation, passed, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
