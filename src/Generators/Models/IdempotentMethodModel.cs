using Consistency.Generators.Diagnostics;
using Consistency.Generators.Internals;

namespace Consistency.Generators.Models
{
    /// <summary>What an <c>[Idempotent]</c> method returns, which decides how the wrapper awaits and returns.</summary>
    internal enum IdempotentReturnKind
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    /// <summary>How the wrapper treats a parameter of the method.</summary>
    internal enum IdempotentParameterRole
    {
        /// <summary>Part of the payload: passed through, hashed for the key or for validation.</summary>
        Payload,

        /// <summary>Passed through; the wrapper's token cancels the store calls and reaches the method.</summary>
        CancellationToken,

        /// <summary>An <c>ILambdaContext</c>: passed through; its remaining time bounds the in-progress record.</summary>
        LambdaContext,

        /// <summary>An <c>OutboxUnitOfWork</c>: not a wrapper parameter, the handler creates and commits it.</summary>
        UnitOfWork,
    }

    /// <summary>A parameter: name, type as written in generated code, role and JSON identity.</summary>
    internal sealed record IdempotentParameterModel(string Name, string Type, IdempotentParameterRole Role, string TypeKey, bool IsNullableReference, bool IsKey);

    /// <summary>How a key value becomes text.</summary>
    internal enum KeyFormat
    {
        /// <summary>A string, used as is.</summary>
        Text,

        /// <summary>An <c>IFormattable</c> (numbers, Guid, dates, enums), formatted with the invariant culture.</summary>
        Formattable,

        /// <summary>Anything else: <c>ToString()</c>.</summary>
        Other,
    }

    /// <summary>One value of the idempotency key, e.g. <c>command.OrderId</c>, and the parameter it comes from.</summary>
    internal sealed record KeyPartModel(string Expression, string ParameterName, KeyFormat Format, bool CanBeNull);

    /// <summary>
    /// Everything the wrapper of one <c>[Idempotent]</c> method needs, by value. It holds no location, so that edits
    /// that only move the method (e.g. above it in the file) leave it equal and the output cached; <see cref="Order"/>
    /// is the method's index among its type's members, for a stable output order.
    /// </summary>
    internal sealed record IdempotentMethodModel(
        ContainingTypeModel Type,
        string MethodName,
        string WrapperName,
        string Accessibility,
        bool IsStatic,
        string StableName,
        IdempotentReturnKind ReturnKind,
        string? ResultType,
        string? ResultTypeKey,
        bool ResultIsNullableReference,
        EquatableArray<IdempotentParameterModel> Parameters,
        EquatableArray<KeyPartModel> KeyParts,
        EquatableArray<string> NullCheckedParameters,
        string HandlerExpression,
        int ExpirationSeconds,
        int InProgressExpirationSeconds,
        bool ValidatePayload,
        int Order,
        bool HasErrors)
    {
        /// <summary>
        /// Whether the payload must be serialised: to derive the key, or to validate replays. When every payload
        /// parameter is itself a key, the key already pins the payload and there is nothing to validate.
        /// </summary>
        public bool NeedsPayloadHash
        {
            get
            {
                if (KeyParts.Count == 0)
                {
                    return true;
                }

                if (!ValidatePayload)
                {
                    return false;
                }

                foreach (var parameter in Parameters)
                {
                    if (parameter.Role == IdempotentParameterRole.Payload && !parameter.IsKey)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>An <c>[Idempotent]</c> method with the JSON metadata expressions its wrapper uses.</summary>
    internal sealed record ResolvedIdempotentMethod(IdempotentMethodModel Method, string? ResultTypeInfo, EquatableArray<string> PayloadTypeInfos);

    /// <summary>The wrappers of one type, emitted into one file.</summary>
    internal sealed record IdempotentTypeModel(ContainingTypeModel Type, EquatableArray<ResolvedIdempotentMethod> Methods);

    /// <summary>
    /// What the parser saw at one <c>[Idempotent]</c> method: the model, where the method is, and what is wrong with it.
    /// Only diagnostics flow from the location; the emitted code depends on <see cref="Model"/> alone.
    /// </summary>
    internal sealed record ParsedIdempotentMethod(IdempotentMethodModel Model, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);
}
