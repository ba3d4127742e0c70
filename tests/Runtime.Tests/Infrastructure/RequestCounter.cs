using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>
/// Counts the HTTP requests a DynamoDB client sends, per operation (X-Amz-Target), including SDK retries, and can
/// inject faults: exact numbers instead of timings.
/// </summary>
public sealed class RequestCounter : HttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Called after a response arrived; returning an exception makes the client see it instead.</summary>
    public Func<string, HttpResponseMessage, Exception?>? AfterResponse { get; set; }

    /// <summary>Called before sending; returning an exception fails the request without sending it.</summary>
    public Func<string, Exception?>? BeforeSend { get; set; }

    public int Total => _counts.Values.Sum();

    public int Count(string operation) => _counts.TryGetValue(operation, out var n) ? n : 0;

    public void Reset() => _counts.Clear();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CountingHandler(this) { InnerHandler = new SocketsHttpHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class CountingHandler(RequestCounter owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "unknown";
            var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (owner.BeforeSend?.Invoke(operation) is { } before)
            {
                throw before;
            }

            owner._counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (owner.AfterResponse?.Invoke(operation, response) is { } after)
            {
                response.Dispose();
                throw after;
            }

            return response;
        }
    }
}
