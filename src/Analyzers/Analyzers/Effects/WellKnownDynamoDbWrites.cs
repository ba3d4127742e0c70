using System.Collections.Immutable;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// Facts about the DynamoDB write APIs that the condition rules (CH0003, CH0004) read: which call creates, updates
    /// or transacts, and the members that carry a condition. Data, resolved once per compilation by
    /// <see cref="DynamoDbWrites"/>; types a compilation does not reference cost nothing.
    /// </summary>
    internal static class WellKnownDynamoDbWrites
    {
        public static ImmutableArray<(string Type, DynamoDbWriteShape Shape, ImmutableArray<string> Methods)> Methods { get; } = Create();

        /// <summary>The condition of a low-level request (<c>PutItemRequest</c>, <c>UpdateItemRequest</c>) and of a transaction's <c>Put</c>/<c>Update</c>.</summary>
        public const string ConditionExpression = "ConditionExpression";

        /// <summary>The condition of the document model's operation configs and of object persistence's <c>SaveConfig</c> (an <c>Expression</c>).</summary>
        public const string ConditionalExpression = "ConditionalExpression";

        /// <summary>Object persistence's opt-out of the version check (<c>SaveConfig</c>, <c>DynamoDBOperationConfig</c>).</summary>
        public const string SkipVersionCheck = "SkipVersionCheck";

        public const string ExpressionAttributeNames = "ExpressionAttributeNames";

        public const string UpdateExpression = "UpdateExpression";

        public const string Item = "Item";

        /// <summary>The members of a <c>TransactWriteItem</c> that hold an action creating or replacing an item, and one updating it.</summary>
        public const string TransactPut = "Put";

        public const string TransactUpdate = "Update";

        public const string TransactItems = "TransactItems";

        public const string PutItemRequest = "Amazon.DynamoDBv2.Model.PutItemRequest";

        public const string UpdateItemRequest = "Amazon.DynamoDBv2.Model.UpdateItemRequest";

        public const string TransactPutAction = "Amazon.DynamoDBv2.Model.Put";

        public const string TransactUpdateAction = "Amazon.DynamoDBv2.Model.Update";

        /// <summary>Marks the version property that makes object persistence's <c>Save</c> conditional.</summary>
        public const string VersionAttribute = "Amazon.DynamoDBv2.DataModel.DynamoDBVersionAttribute";

        /// <summary>Thrown by a write whose condition is false: for a create under <c>attribute_not_exists</c>, "already done".</summary>
        public const string ConditionalCheckFailedException = "Amazon.DynamoDBv2.Model.ConditionalCheckFailedException";

        /// <summary>Words that name an ordering attribute in a condition or a message member (case-insensitive).</summary>
        public static ImmutableArray<string> VersionWords { get; } = ImmutableArray.Create("version", "sequence", "seq", "revision", "timestamp", "updatedat", "updated_at", "modifiedat", "etag");

        /// <summary>Message members that carry the order of the state they describe, most specific first (CH0004's fix).</summary>
        public static ImmutableArray<string> VersionMembers { get; } = ImmutableArray.Create("Version", "Sequence", "SequenceNumber", "Revision", "EventVersion", "AggregateVersion", "StreamVersion", "Seq");

        private static ImmutableArray<(string, DynamoDbWriteShape, ImmutableArray<string>)> Create()
        {
            var rows = ImmutableArray.CreateBuilder<(string, DynamoDbWriteShape, ImmutableArray<string>)>();
            foreach (var client in new[] { "Amazon.DynamoDBv2.IAmazonDynamoDB", "Amazon.DynamoDBv2.AmazonDynamoDBClient" })
            {
                rows.Add((client, DynamoDbWriteShape.Put, ImmutableArray.Create("PutItem", "PutItemAsync")));
                rows.Add((client, DynamoDbWriteShape.Update, ImmutableArray.Create("UpdateItem", "UpdateItemAsync")));
                rows.Add((client, DynamoDbWriteShape.Transaction, ImmutableArray.Create("TransactWriteItems", "TransactWriteItemsAsync")));
            }

            foreach (var context in new[] { "Amazon.DynamoDBv2.DataModel.IDynamoDBContext", "Amazon.DynamoDBv2.DataModel.DynamoDBContext" })
            {
                rows.Add((context, DynamoDbWriteShape.ObjectSave, ImmutableArray.Create("Save", "SaveAsync")));
            }

            foreach (var table in new[] { "Amazon.DynamoDBv2.DocumentModel.ITable", "Amazon.DynamoDBv2.DocumentModel.Table" })
            {
                rows.Add((table, DynamoDbWriteShape.DocumentPut, ImmutableArray.Create("PutItem", "PutItemAsync")));
                rows.Add((table, DynamoDbWriteShape.DocumentUpdate, ImmutableArray.Create("UpdateItem", "UpdateItemAsync")));
            }

            return rows.ToImmutable();
        }
    }
}
