using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OrderService.Scenario
{
    /// <summary>What one run of the scenario did and found.</summary>
    public sealed record ScenarioReport
    {
        public required string Backend { get; init; }

        public required int OrdersPlaced { get; init; }

        public required int OrdersRequested { get; init; }

        public required int RequestDeliveries { get; init; }

        public required int OrdersStored { get; init; }

        public required int EventsCommitted { get; init; }

        public required int PublishedBeforeKill { get; init; }

        public required bool RelayKilled { get; init; }

        public required int Publishes { get; init; }

        public required int EventsDelivered { get; init; }

        public required int EventsLost { get; init; }

        public required int EventDeliveries { get; init; }

        public required int PaymentsStored { get; init; }

        public required int OrdersPaid { get; init; }

        public required int GatewayCalls { get; init; }

        public required int Charges { get; init; }

        public required TimeSpan Elapsed { get; init; }

        public int TotalOrders => OrdersPlaced + OrdersRequested;

        /// <summary>What went wrong; empty when every event was delivered and no effect was applied twice.</summary>
        public IReadOnlyList<string> Problems
        {
            get
            {
                var problems = new List<string>();
                Check(problems, RelayKilled, "the relay was not killed (the fault did not trip)");
                Check(problems, Publishes > EventsDelivered, "the restart re-published nothing, so the kill proved nothing");
                Check(problems, EventsLost == 0, $"{EventsLost} committed events were never published");
                Check(problems, OrdersStored == TotalOrders, $"{OrdersStored} orders stored, expected {TotalOrders}");
                Check(problems, RequestDeliveries > OrdersRequested, "no order request was delivered twice");
                Check(problems, EventDeliveries > TotalOrders, "no event was delivered to the payment handler twice");
                Check(problems, PaymentsStored == TotalOrders, $"{PaymentsStored} payments stored, expected {TotalOrders}");
                Check(problems, OrdersPaid == TotalOrders, $"{OrdersPaid} orders paid, expected {TotalOrders}");
                Check(problems, GatewayCalls == TotalOrders, $"the payment provider was called {GatewayCalls} times for {TotalOrders} orders");
                Check(problems, Charges == TotalOrders, $"{Charges} charges for {TotalOrders} orders");
                return problems;
            }
        }

        public bool Passed => Problems.Count == 0;

        public string Format()
        {
            var text = new StringBuilder();
            void Line(string label, object value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-44} {value}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Order service end to end: {Backend}");
            Line("orders placed (outbox endpoint)", OrdersPlaced);
            Line("orders requested (listen to yourself, 202)", OrdersRequested);
            Line("  request deliveries (retries, duplicates)", RequestDeliveries);
            Line("orders stored", OrdersStored);
            Line("events committed to the outbox", EventsCommitted);
            Line("relay killed after publishing", RelayKilled ? PublishedBeforeKill + " events, then restarted" : "not killed");
            Line("publishes (with re-sends after the restart)", Publishes);
            Line("distinct events delivered", EventsDelivered);
            Line("events lost", EventsLost);
            Line("event deliveries to the payment handler", EventDeliveries);
            Line("payments stored", PaymentsStored);
            Line("orders paid", OrdersPaid);
            Line("payment provider calls / charges", GatewayCalls + " / " + Charges);
            Line("elapsed", Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
            text.AppendLine(Passed
                ? "PASS: every event was delivered and no handler effect was applied twice."
                : "FAIL: " + string.Join("; ", Problems));
            return text.ToString();
        }

        private static void Check(List<string> problems, bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }
}
