using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderService.Scenario.Embedded
{
    /// <summary>
    /// SQS queues in memory, with what the scenario needs of SQS semantics: messages stay in the queue until deleted,
    /// a received message is invisible until deleted or returned, and every send is logged. A fault can be armed to
    /// play a relay process that dies right after the broker accepted a batch.
    /// </summary>
    /// <remarks>
    /// It derives from the SDK client and overrides the sends; with the real AWSSDK.SQS, pass credentials and a config
    /// to the base constructor.
    /// </remarks>
    public sealed class InMemorySqs : AmazonSQSClient
    {
        private readonly object gate = new();
        private readonly Dictionary<string, QueueState> queues = new(StringComparer.Ordinal);
        private int sequence;
        private int killAfter;
        private CancellationTokenSource? kill;

        /// <summary>Every message body ever accepted per queue, duplicates included, in order.</summary>
        public IReadOnlyList<string> SentBodies(string queueUrl)
        {
            lock (gate)
            {
                return Queue(queueUrl).Sent.ToList();
            }
        }

        /// <summary>
        /// After <paramref name="messages"/> more messages are accepted, cancel <paramref name="process"/> and throw: the
        /// batch went through but the sender dies before it learns so.
        /// </summary>
        public void KillSenderAfter(int messages, CancellationTokenSource process)
        {
            lock (gate)
            {
                killAfter = messages;
                kill = process;
            }
        }

        /// <summary>Disarms the fault if it has not tripped.</summary>
        public void Disarm()
        {
            lock (gate)
            {
                kill = null;
            }
        }

        public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                var id = Enqueue(request.QueueUrl!, request.MessageBody!);
                return Task.FromResult(new SendMessageResponse { MessageId = id });
            }
        }

        public override Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CancellationTokenSource? dying = null;
            var response = new SendMessageBatchResponse { Successful = new List<SendMessageBatchResultEntry>(), Failed = new List<BatchResultErrorEntry>() };
            lock (gate)
            {
                foreach (var entry in request.Entries!)
                {
                    var id = Enqueue(request.QueueUrl!, entry.MessageBody!);
                    response.Successful.Add(new SendMessageBatchResultEntry { Id = entry.Id, MessageId = id });
                }

                if (kill is not null)
                {
                    killAfter -= request.Entries!.Count;
                    if (killAfter <= 0)
                    {
                        dying = kill;
                        kill = null;
                    }
                }
            }

            if (dying is not null)
            {
                dying.Cancel();
                throw new OperationCanceledException("The relay process was killed after SQS accepted the batch.", dying.Token);
            }

            return Task.FromResult(response);
        }

        /// <summary>Takes up to <paramref name="max"/> visible messages; they stay invisible until deleted or returned.</summary>
        public IReadOnlyList<Message> Receive(string queueUrl, int max)
        {
            lock (gate)
            {
                var queue = Queue(queueUrl);
                var taken = queue.Visible.Take(max).ToList();
                queue.Visible.RemoveRange(0, taken.Count);
                foreach (var message in taken)
                {
                    queue.InFlight[message.ReceiptHandle!] = message;
                }

                return taken;
            }
        }

        public void Delete(string queueUrl, string receiptHandle)
        {
            lock (gate)
            {
                Queue(queueUrl).InFlight.Remove(receiptHandle);
            }
        }

        /// <summary>The visibility timeout expires: received but undeleted messages are delivered again.</summary>
        public void ReturnInFlight(string queueUrl)
        {
            lock (gate)
            {
                var queue = Queue(queueUrl);
                queue.Visible.InsertRange(0, queue.InFlight.Values);
                queue.InFlight.Clear();
            }
        }

        public int Depth(string queueUrl)
        {
            lock (gate)
            {
                var queue = Queue(queueUrl);
                return queue.Visible.Count + queue.InFlight.Count;
            }
        }

        private string Enqueue(string queueUrl, string body)
        {
            var id = (++sequence).ToString("D8", CultureInfo.InvariantCulture);
            var queue = Queue(queueUrl);
            queue.Visible.Add(new Message { MessageId = id, ReceiptHandle = "rh-" + id, Body = body });
            queue.Sent.Add(body);
            return id;
        }

        private QueueState Queue(string url)
        {
            if (!queues.TryGetValue(url, out var queue))
            {
                queues[url] = queue = new QueueState();
            }

            return queue;
        }

        private sealed class QueueState
        {
            public List<Message> Visible { get; } = new();

            public Dictionary<string, Message> InFlight { get; } = new(StringComparer.Ordinal);

            public List<string> Sent { get; } = new();
        }
    }
}
