using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using OrderService.Api;
using OrderService.Data;
using OrderService.Scenario.Backends;
using OrderService.Scenario.Embedded;

namespace OrderService.Scenario
{
    /// <summary>Settings of one run.</summary>
    public sealed record ScenarioOptions
    {
        /// <summary>Orders placed through the outbox endpoint.</summary>
        public int DirectOrders { get; init; } = 12;

        /// <summary>Orders requested through the listen-to-yourself endpoint.</summary>
        public int RequestedOrders { get; init; } = 8;

        /// <summary>The first relay process is killed right after the broker accepted this many events (1 to the number of orders).</summary>
        public int KillRelayAfterEvents { get; init; } = 7;
    }

    /// <summary>
    /// The end-to-end run: place orders (both ways), kill the relay mid-way, restart it, let the payment handler consume
    /// every event (with duplicates), and check from the stored data that nothing was lost or applied twice.
    /// </summary>
    public static class OrderScenario
    {
        private const string EventsQueue = "https://sqs.us-east-1.amazonaws.com/000000000000/order-events";
        private const string RequestsQueue = "https://sqs.us-east-1.amazonaws.com/000000000000/order-requests";

        public static async Task<ScenarioReport> RunAsync(IScenarioBackend backend, ScenarioOptions options, TextWriter log, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var sqs = new InMemorySqs();
            var gateway = new InMemoryPaymentGateway();
            var service = new OrderServiceComposition(
                backend.Dynamo,
                sqs,
                backend.IdempotencyStore,
                gateway,
                new OrderServiceSettings(backend.TableName, EventsQueue, RequestsQueue),
                // One aggregate at a time keeps the run (and the point where the relay dies) deterministic.
                new RelayOptions { MaxConcurrency = 1, RetryDelay = TimeSpan.FromMilliseconds(1) });

            log.WriteLine($"Backend: {backend.Description}");
            log.WriteLine($"1. placing {options.DirectOrders} orders through the outbox endpoint (order + OrderPlaced in one transaction)");
            for (var i = 0; i < options.DirectOrders; i++)
            {
                var response = await service.OrdersEndpoint.PlaceAsync(Command(i), cancellationToken);
                Expect(response.StatusCode == 201, "PlaceAsync answered " + response.StatusCode);
            }

            log.WriteLine($"2. requesting {options.RequestedOrders} orders through the listen-to-yourself endpoint (202 Accepted), with client retries");
            for (var i = 0; i < options.RequestedOrders; i++)
            {
                var key = "request-" + i.ToString(CultureInfo.InvariantCulture);
                var response = await service.OrderRequestsEndpoint.SubmitAsync(Command(options.DirectOrders + i), key, cancellationToken);
                Expect(response.StatusCode == 202, "SubmitAsync answered " + response.StatusCode);
                if (i % 3 == 0)
                {
                    // The client timed out and retried with the same Idempotency-Key: a second intent for the same order.
                    await service.OrderRequestsEndpoint.SubmitAsync(Command(options.DirectOrders + i), key, cancellationToken);
                }
            }

            // Every batch of requests is delivered twice (the visibility timeout expired before the delete).
            var requestDeliveries = await DrainAsync(sqs, RequestsQueue, service.PlaceOrderRequestedHandler.FunctionHandler, new ScenarioLambdaContext("place-order-requested", log), _ => true);
            log.WriteLine($"   the consumer received {requestDeliveries} deliveries for {options.RequestedOrders} requests");

            log.WriteLine($"3. relay: killed right after the broker accepted {options.KillRelayAfterEvents} events");
            var killed = false;
            using (var process = new CancellationTokenSource())
            {
                sqs.KillSenderAfter(options.KillRelayAfterEvents, process);
                try
                {
                    await backend.RunRelayAsync(service, process.Token);
                }
                catch (OperationCanceledException) when (process.IsCancellationRequested)
                {
                    killed = true;
                }
                finally
                {
                    sqs.Disarm();
                }
            }

            var publishedBeforeKill = sqs.SentBodies(EventsQueue).Count;
            log.WriteLine($"   {(killed ? "killed" : "NOT killed")} after {publishedBeforeKill} events were published; restarting from the last acknowledged stream record");
            await backend.RunRelayAsync(service, cancellationToken);

            log.WriteLine("4. payment handler consumes the events (the first batch delivered twice)");
            var eventDeliveries = await DrainAsync(sqs, EventsQueue, service.PaymentHandler.FunctionHandler, new ScenarioLambdaContext("payments", log), batch => batch == 0);

            log.WriteLine("5. relay publishes the PaymentCaptured events; the handler skips them");
            await backend.RunRelayAsync(service, cancellationToken);
            eventDeliveries += await DrainAsync(sqs, EventsQueue, service.PaymentHandler.FunctionHandler, new ScenarioLambdaContext("payments", log), _ => false);

            log.WriteLine("6. checking the stored data");
            var items = await backend.ScanAsync(cancellationToken);
            var committed = items.Where(OutboxItems.IsOutboxItem).SelectMany(OutboxItems.ReadEvents).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            var sent = sqs.SentBodies(EventsQueue).Select(body => EventEnvelopeJson.Deserialize(body).EventId).ToList();
            var orders = items.Where(item => item.TryGetValue("sk", out var sk) && sk.S == "ORDER").ToList();
            var payments = items.Count(item => item.TryGetValue("sk", out var sk) && sk.S == "PAYMENT");

            return new ScenarioReport
            {
                Backend = backend.Description,
                OrdersPlaced = options.DirectOrders,
                OrdersRequested = options.RequestedOrders,
                RequestDeliveries = requestDeliveries,
                OrdersStored = orders.Count,
                EventsCommitted = committed.Count,
                RelayKilled = killed,
                PublishedBeforeKill = publishedBeforeKill,
                Publishes = sent.Count,
                EventsDelivered = sent.Distinct(StringComparer.Ordinal).Count(),
                EventsLost = committed.Except(sent, StringComparer.Ordinal).Count(),
                EventDeliveries = eventDeliveries,
                PaymentsStored = payments,
                OrdersPaid = orders.Count(order => order["status"].S == OrderStatus.Paid),
                GatewayCalls = gateway.Calls,
                Charges = gateway.Charges,
                Elapsed = watch.Elapsed,
            };
        }

        private static PlaceOrder Command(int i) => new("customer-" + (i % 5).ToString(CultureInfo.InvariantCulture), 10m + i);

        /// <summary>
        /// Plays the SQS event source mapping: batches of up to 10 messages; the messages the function reports failed
        /// become visible again, the others are deleted.
        /// </summary>
        private static async Task<int> DrainAsync(
            InMemorySqs sqs,
            string queueUrl,
            Func<SQSEvent, ILambdaContext, Task<SQSBatchResponse>> function,
            ILambdaContext context,
            Func<int, bool> deliverTwice)
        {
            var deliveries = 0;
            for (var batch = 0; batch < 1000; batch++)
            {
                var messages = sqs.Receive(queueUrl, 10);
                if (messages.Count == 0)
                {
                    return deliveries;
                }

                var sqsEvent = new SQSEvent
                {
                    Records = messages.Select(m => new SQSEvent.SQSMessage
                    {
                        MessageId = m.MessageId!,
                        ReceiptHandle = m.ReceiptHandle!,
                        Body = m.Body!,
                        EventSource = "aws:sqs",
                        Attributes = new Dictionary<string, string>(),
                        MessageAttributes = new Dictionary<string, SQSEvent.MessageAttribute>(),
                    }).ToList(),
                };

                var response = await function(sqsEvent, context);
                deliveries += messages.Count;
                if (deliverTwice(batch))
                {
                    response = await function(sqsEvent, context);
                    deliveries += messages.Count;
                }

                var failed = response.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
                foreach (var message in messages.Where(m => !failed.Contains(m.MessageId!)))
                {
                    sqs.Delete(queueUrl, message.ReceiptHandle!);
                }

                sqs.ReturnInFlight(queueUrl);
            }

            throw new InvalidOperationException($"Messages on {queueUrl} keep failing.");
        }

        private static void Expect(bool condition, string message)
        {
            if (!condition)
            {
                throw new InvalidOperationException(message);
            }
        }
    }
}
