using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace Consistency.Runtime.Benchmarks;

/// <summary>Counts the HTTP requests a DynamoDB client sends (SDK retries included), per operation.</summary>
internal sealed class CountingHttpClientFactory : HttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    public string Breakdown() => string.Join(", ", _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this) { InnerHandler = new SocketsHttpHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class Handler(CountingHttpClientFactory owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "unknown";
            owner._counts.AddOrUpdate(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
