using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace OrderService.Scenario.Embedded
{
    /// <summary>
    /// The embedded default: an in-memory DynamoDB for the sample, so that the service code runs unchanged without an
    /// engine. It implements what the service and the runtime's outbox send (<c>TransactWriteItems</c> with
    /// <c>ClientRequestToken</c>, <c>GetItem</c>, <c>Scan</c>), conditions made of <c>AND</c>-ed
    /// <c>attribute_exists</c> / <c>attribute_not_exists</c> / comparisons, <c>SET</c> updates, and a change log that
    /// plays the table's stream. Anything else throws <see cref="NotSupportedException"/> rather than guess.
    /// </summary>
    public sealed class EmbeddedDynamoDb : AmazonDynamoDBClient
    {
        private static readonly Regex NotExists = new(@"^attribute_not_exists\(\s*([#\w]+)\s*\)$", RegexOptions.CultureInvariant);
        private static readonly Regex Exists = new(@"^attribute_exists\(\s*([#\w]+)\s*\)$", RegexOptions.CultureInvariant);
        private static readonly Regex Comparison = new(@"^([#\w]+)\s*(=|<>|<=|>=|<|>)\s*(:\w+)$", RegexOptions.CultureInvariant);
        private static readonly Regex Assignment = new(@"^([#\w]+)\s*=\s*(:\w+)$", RegexOptions.CultureInvariant);
        private static readonly Regex And = new(@"\s+AND\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly object gate = new();
        private readonly Dictionary<string, SortedDictionary<string, Dictionary<string, AttributeValue>>> tables = new(StringComparer.Ordinal);
        private readonly HashSet<string> appliedTokens = new(StringComparer.Ordinal);
        private readonly List<ChangeLogEntry> changes = new();
        private readonly string[] keyNames;

        /// <param name="keyNames">The key attributes of every table (the sample's tables use <c>pk</c> and <c>sk</c>).</param>
        public EmbeddedDynamoDb(params string[] keyNames)
            : base(new BasicAWSCredentials("embedded", "embedded"), new AmazonDynamoDBConfig { ServiceURL = "http://embedded.invalid", AuthenticationRegion = "us-east-1" })
            => this.keyNames = keyNames.Length == 0 ? ["pk", "sk"] : keyNames;

        /// <summary>Requests served, by operation.</summary>
        public Dictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

        /// <summary>The changes after <paramref name="sequenceNumber"/>, oldest first, as a stream delivers them.</summary>
        public IReadOnlyList<ChangeLogEntry> ChangesAfter(long sequenceNumber, int max)
        {
            lock (gate)
            {
                return changes.Where(c => c.SequenceNumber > sequenceNumber).Take(max).ToList();
            }
        }

        public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                Count("TransactWriteItems");
                if (request.ClientRequestToken is { } token && appliedTokens.Contains(token))
                {
                    return Task.FromResult(new TransactWriteItemsResponse());
                }

                var reasons = new List<CancellationReason>();
                var failed = false;
                foreach (var action in request.TransactItems)
                {
                    var (table, key, condition, names, values, returnOld) = Describe(action);
                    var current = Find(table, key);
                    if (condition is not null && !Evaluate(condition, current, names, values))
                    {
                        failed = true;
                        reasons.Add(new CancellationReason
                        {
                            Code = "ConditionalCheckFailed",
                            Message = "The conditional request failed",
                            Item = returnOld && current is not null ? Clone(current) : null,
                        });
                    }
                    else
                    {
                        reasons.Add(new CancellationReason { Code = "None" });
                    }
                }

                if (failed)
                {
                    throw new TransactionCanceledException(
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [" + string.Join(", ", reasons.Select(r => r.Code)) + "]")
                    {
                        CancellationReasons = reasons,
                    };
                }

                foreach (var action in request.TransactItems)
                {
                    Apply(action);
                }

                if (request.ClientRequestToken is { } applied)
                {
                    appliedTokens.Add(applied);
                }

                return Task.FromResult(new TransactWriteItemsResponse());
            }
        }

        public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                Count("GetItem");
                var item = Find(request.TableName, request.Key);
                return Task.FromResult(new GetItemResponse { Item = item is null ? null : Clone(item), IsItemSet = item is not null });
            }
        }

        public override Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.FilterExpression is not null || request.ExclusiveStartKey is { Count: > 0 })
            {
                throw new NotSupportedException("The embedded engine scans whole tables only; filter the items in code.");
            }

            lock (gate)
            {
                Count("Scan");
                var items = tables.TryGetValue(request.TableName, out var rows) ? rows.Values.Select(Clone).ToList() : new List<Dictionary<string, AttributeValue>>();
                return Task.FromResult(new ScanResponse { Items = items, Count = items.Count });
            }
        }

        private static (string Table, Dictionary<string, AttributeValue> Key, string? Condition, Dictionary<string, string>? Names, Dictionary<string, AttributeValue>? Values, bool ReturnOld) Describe(TransactWriteItem action)
        {
            if (action.Put is { } put)
            {
                return (put.TableName, put.Item, put.ConditionExpression, put.ExpressionAttributeNames, put.ExpressionAttributeValues, IsAllOld(put.ReturnValuesOnConditionCheckFailure));
            }

            if (action.Update is { } update)
            {
                return (update.TableName, update.Key, update.ConditionExpression, update.ExpressionAttributeNames, update.ExpressionAttributeValues, IsAllOld(update.ReturnValuesOnConditionCheckFailure));
            }

            if (action.Delete is { } delete)
            {
                return (delete.TableName, delete.Key, delete.ConditionExpression, delete.ExpressionAttributeNames, delete.ExpressionAttributeValues, IsAllOld(delete.ReturnValuesOnConditionCheckFailure));
            }

            if (action.ConditionCheck is { } check)
            {
                return (check.TableName, check.Key, check.ConditionExpression, check.ExpressionAttributeNames, check.ExpressionAttributeValues, IsAllOld(check.ReturnValuesOnConditionCheckFailure));
            }

            throw new NotSupportedException("Empty transaction action.");
        }

        private static bool IsAllOld(ReturnValuesOnConditionCheckFailure? value) => value is not null && value == ReturnValuesOnConditionCheckFailure.ALL_OLD;

        private void Apply(TransactWriteItem action)
        {
            if (action.Put is { } put)
            {
                var existed = Find(put.TableName, put.Item) is not null;
                Store(put.TableName, Clone(put.Item), existed ? "MODIFY" : "INSERT");
            }
            else if (action.Update is { } update)
            {
                var current = Find(update.TableName, update.Key);
                var item = current is null ? Clone(update.Key) : Clone(current);
                ApplyUpdate(item, update.UpdateExpression, update.ExpressionAttributeNames, update.ExpressionAttributeValues);
                Store(update.TableName, item, current is null ? "INSERT" : "MODIFY");
            }
            else if (action.Delete is { } delete)
            {
                if (Find(delete.TableName, delete.Key) is not null)
                {
                    tables[delete.TableName].Remove(KeyOf(delete.Key));
                    changes.Add(new ChangeLogEntry(changes.Count + 1, delete.TableName, "REMOVE", Clone(delete.Key), null));
                }
            }
        }

        private void Store(string table, Dictionary<string, AttributeValue> item, string eventName)
        {
            if (!tables.TryGetValue(table, out var rows))
            {
                tables[table] = rows = new SortedDictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
            }

            rows[KeyOf(item)] = item;
            var keys = keyNames.Where(item.ContainsKey).ToDictionary(k => k, k => Clone(item[k]), StringComparer.Ordinal);
            changes.Add(new ChangeLogEntry(changes.Count + 1, table, eventName, keys, Clone(item)));
        }

        private Dictionary<string, AttributeValue>? Find(string table, Dictionary<string, AttributeValue> key)
            => tables.TryGetValue(table, out var rows) && rows.TryGetValue(KeyOf(key), out var item) ? item : null;

        private string KeyOf(Dictionary<string, AttributeValue> item)
            => string.Join("\u0001", keyNames.Select(k => item.TryGetValue(k, out var v) ? v.S ?? v.N : throw new NotSupportedException($"Key attribute '{k}' is missing.")));

        private static bool Evaluate(string condition, Dictionary<string, AttributeValue>? item, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values)
        {
            foreach (var part in And.Split(condition.Trim()))
            {
                Match match;
                if ((match = NotExists.Match(part)).Success)
                {
                    if (item is not null && item.ContainsKey(Name(match.Groups[1].Value, names)))
                    {
                        return false;
                    }
                }
                else if ((match = Exists.Match(part)).Success)
                {
                    if (item is null || !item.ContainsKey(Name(match.Groups[1].Value, names)))
                    {
                        return false;
                    }
                }
                else if ((match = Comparison.Match(part)).Success)
                {
                    if (item is null || !item.TryGetValue(Name(match.Groups[1].Value, names), out var left) || !Compare(left, match.Groups[2].Value, Value(match.Groups[3].Value, values)))
                    {
                        return false;
                    }
                }
                else
                {
                    throw new NotSupportedException($"The embedded engine does not support the condition '{part}'.");
                }
            }

            return true;
        }

        private static bool Compare(AttributeValue left, string op, AttributeValue right)
        {
            int order;
            if (left.N is not null && right.N is not null)
            {
                order = decimal.Parse(left.N, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(right.N, CultureInfo.InvariantCulture));
            }
            else if (left.S is not null && right.S is not null)
            {
                order = string.CompareOrdinal(left.S, right.S);
            }
            else
            {
                return op == "<>";
            }

            return op switch
            {
                "=" => order == 0,
                "<>" => order != 0,
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        }

        private static void ApplyUpdate(Dictionary<string, AttributeValue> item, string expression, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values)
        {
            var text = expression.Trim();
            if (!text.StartsWith("SET ", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"The embedded engine supports SET updates only, not '{expression}'.");
            }

            foreach (var part in text[4..].Split(','))
            {
                var match = Assignment.Match(part.Trim());
                if (!match.Success)
                {
                    throw new NotSupportedException($"The embedded engine does not support the update '{part.Trim()}'.");
                }

                item[Name(match.Groups[1].Value, names)] = Clone(Value(match.Groups[2].Value, values));
            }
        }

        private static string Name(string token, Dictionary<string, string>? names)
            => token.StartsWith('#') ? names?.GetValueOrDefault(token) ?? throw new NotSupportedException($"Undefined name {token}.") : token;

        private static AttributeValue Value(string token, Dictionary<string, AttributeValue>? values)
            => values?.GetValueOrDefault(token) ?? throw new NotSupportedException($"Undefined value {token}.");

        private void Count(string operation) => Requests[operation] = Requests.GetValueOrDefault(operation) + 1;

        private static Dictionary<string, AttributeValue> Clone(Dictionary<string, AttributeValue> item)
            => item.ToDictionary(p => p.Key, p => Clone(p.Value), StringComparer.Ordinal);

        private static AttributeValue Clone(AttributeValue value) => new()
        {
            S = value.S,
            N = value.N,
            BOOL = value.BOOL,
            NULL = value.NULL,
            SS = value.SS?.ToList(),
            NS = value.NS?.ToList(),
            L = value.L?.Select(Clone).ToList(),
            M = value.M is null ? null : Clone(value.M),
        };
    }

    /// <summary>One change of the embedded table, as a stream record carries it.</summary>
    public sealed record ChangeLogEntry(
        long SequenceNumber,
        string TableName,
        string EventName,
        Dictionary<string, AttributeValue> Keys,
        Dictionary<string, AttributeValue>? NewImage);
}
