namespace Consistency.Analyzers.Effects
{
    /// <summary>What a DynamoDB write call does to an item, and where its condition is written.</summary>
    internal enum DynamoDbWriteShape
    {
        /// <summary>Low-level <c>PutItem</c>: creates or replaces an item; condition in <c>PutItemRequest.ConditionExpression</c>.</summary>
        Put,

        /// <summary>Low-level <c>UpdateItem</c>: changes attributes; condition in <c>UpdateItemRequest.ConditionExpression</c>.</summary>
        Update,

        /// <summary>Low-level <c>TransactWriteItems</c>: each <c>Put</c> and <c>Update</c> action carries its own <c>ConditionExpression</c>.</summary>
        Transaction,

        /// <summary>
        /// Object persistence <c>Save</c>: creates or replaces the item; conditional through a <c>[DynamoDBVersion]</c>
        /// property of the saved type (unless <c>SkipVersionCheck</c>) or <c>SaveConfig.ConditionalExpression</c>.
        /// </summary>
        ObjectSave,

        /// <summary>Document model <c>Table.PutItem</c>: condition in <c>PutItemOperationConfig.ConditionalExpression</c>.</summary>
        DocumentPut,

        /// <summary>Document model <c>Table.UpdateItem</c>: condition in <c>UpdateItemOperationConfig.ConditionalExpression</c>.</summary>
        DocumentUpdate,
    }
}
