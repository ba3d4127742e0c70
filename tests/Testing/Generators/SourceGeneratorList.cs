using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Consistency.Testing.Generators
{
    /// <summary>
    /// The source generators a test runs over its compilations, as the user's build does. Takes
    /// <see cref="ISourceGenerator"/> and <see cref="IIncrementalGenerator"/> instances, or generator types with a
    /// parameterless constructor: <c>SourceGenerators = { typeof(IdempotentGenerator), SdkGenerators.SystemTextJson() }</c>.
    /// </summary>
    public sealed class SourceGeneratorList : List<ISourceGenerator>
    {
        public void Add(IIncrementalGenerator generator) => Add(generator.AsSourceGenerator());

        public void Add(Type generatorType)
        {
            object instance = Activator.CreateInstance(generatorType)
                ?? throw new ArgumentException($"{generatorType} cannot be created.", nameof(generatorType));
            switch (instance)
            {
                case IIncrementalGenerator incremental:
                    Add(incremental);
                    break;
                case ISourceGenerator generator:
                    Add(generator);
                    break;
                default:
                    throw new ArgumentException($"{generatorType} is neither an ISourceGenerator nor an IIncrementalGenerator.", nameof(generatorType));
            }
        }
    }
}
