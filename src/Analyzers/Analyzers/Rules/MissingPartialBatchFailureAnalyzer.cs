using System.Collections.Immutable;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0005: a Lambda function taking a batch (<c>SQSEvent</c>, <c>KinesisEvent</c>, <c>DynamoDBEvent</c>) that does
    /// not report partial batch failure: it returns no batch response, or returns one but never puts a record in its
    /// <c>BatchItemFailures</c>. One failing record then fails the whole batch (SQS redelivers the records that
    /// succeeded) or blocks the shard (streams retry the batch until the records expire).
    /// <para>
    /// Handlers and their batch flag come from <see cref="HandlerCatalogue"/>; the response types and record identifiers
    /// are data (<see cref="WellKnownBatchResponses"/>). A return type with a <c>BatchItemFailures</c> property counts as
    /// a batch response (the Lambda events', Powertools', a custom one). A response that is filled anywhere in the body
    /// (an <c>Add</c>, an assignment, a <c>BatchItemFailure</c> created), built by a call, or handed to a helper is
    /// taken as reporting. Reported on the handler's name.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingPartialBatchFailureAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.MissingPartialBatchFailure,
            title: "Batch handler without partial batch failure",
            messageFormat: "'{0}' is a {1} that {2}: {3}; return {4} with the failed records in BatchItemFailures",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Lambda reads SQS queues, Kinesis streams and DynamoDB streams in batches. Without partial batch failure, one record that throws fails the whole batch: SQS makes every record of it visible again (the ones that succeeded are processed twice, and a poison message keeps the batch cycling until it reaches the dead-letter queue), and a stream retries the batch and blocks its shard until the records expire. Return the batch response with the identifiers of the failed records (and enable ReportBatchItemFailures on the event source mapping).",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.MissingPartialBatchFailure));

        /// <summary>Diagnostic properties for the fix: the handler kind, and the name of the event parameter.</summary>
        internal const string KindProperty = "HandlerKind";

        internal const string EventParameterProperty = "EventParameter";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            context.RegisterCompilationStartAction(start =>
            {
                var handlers = HandlerCatalogue.GetOrCreate(start.Compilation, start.Options);
                if (handlers.IsEmpty)
                {
                    return;
                }

                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, handlers));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, HandlerCatalogue handlers)
        {
            if (context.OwningSymbol is not IMethodSymbol method
                || method.Locations.IsEmpty
                || !handlers.TryGetHandler(method, out var handler)
                || !handler.IsBatch
                || WellKnownBatchResponses.For(handler.Kind) is not { } response
                || Flow.FlowEngine.FindBody(context.OperationBlocks) is not { } body)
            {
                return;
            }

            string? shape;
            var returned = ResultType(method);
            if (returned is null || !HasFailuresMember(returned))
            {
                shape = "returns no batch response";
            }
            else if (!ReportsFailures(body))
            {
                shape = "returns a " + returned.Name + " but never adds a record to its BatchItemFailures";
            }
            else
            {
                return;
            }

            string consequence = response.StopAtFirstFailure
                ? "one record that throws fails the whole batch, which Lambda retries, blocking the shard, until its records expire"
                : "one record that throws returns the whole batch to the queue, and the records that succeeded are processed again";
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(KindProperty, handler.Kind.ToString())
                .Add(EventParameterProperty, handler.EventParameter?.Name);
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], properties, method.Name, handler.Description, shape, consequence, response.ResponseName));
        }

        /// <summary>The type the method produces: T of Task&lt;T&gt; / ValueTask&lt;T&gt;, or the return type; null for void and Task.</summary>
        private static ITypeSymbol? ResultType(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return null;
            }

            if (method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks" } } task)
            {
                return task.TypeArguments.Length == 1 ? task.TypeArguments[0] : null;
            }

            return method.ReturnType;
        }

        private static bool HasFailuresMember(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (!current.GetMembers(WellKnownBatchResponses.FailuresMember).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the body (its lambdas and local functions included) fills a response, or leaves that to code it calls.</summary>
        private static bool ReportsFailures(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property.Name: WellKnownBatchResponses.FailuresMember } failures
                        when failures.Parent is not IMemberInitializerOperation && !IsEmptyInitialization(failures):
                        return true; // response.BatchItemFailures.Add(...), = list, passed on
                    case IObjectCreationOperation { Type.Name: WellKnownBatchResponses.FailureTypeName }:
                        return true;
                    case IObjectCreationOperation creation when creation.Type is { } created && HasFailuresMember(created) && creation.Arguments.Length > 0:
                        return true; // new SQSBatchResponse(failures)
                    case IInvocationOperation invocation when invocation.Type is { } result && HasFailuresMember(Unwrap(result)):
                        return true; // built by a helper
                    case IArgumentOperation { Value: { Type: { } passed } } when HasFailuresMember(passed):
                        return true; // handed to a helper that fills it
                }
            }

            return false;
        }

        /// <summary><c>new SQSBatchResponse { BatchItemFailures = new List&lt;…&gt;() }</c>: an empty list, not a report.</summary>
        private static bool IsEmptyInitialization(IPropertyReferenceOperation failures)
            => failures.Parent is ISimpleAssignmentOperation { Value: var value } assignment && assignment.Target == failures
                && Effects.EffectArguments.Unwrap(value) is IObjectCreationOperation { Arguments.Length: 0, Initializer: null or { Initializers.Length: 0 } }
                && failures.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver };

        private static ITypeSymbol Unwrap(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : type;
    }
}
