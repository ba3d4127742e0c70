using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Consistency.Runtime.DynamoDb;

namespace OrderService.Scenario.Embedded
{
    /// <summary>Renders change log entries as the DynamoDB stream event Lambda receives.</summary>
    public static class StreamEventJson
    {
        public static MemoryStream Render(IReadOnlyList<ChangeLogEntry> entries)
        {
            var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("Records");
                foreach (var entry in entries)
                {
                    var sequence = entry.SequenceNumber.ToString("D21", CultureInfo.InvariantCulture);
                    writer.WriteStartObject();
                    writer.WriteString("eventID", "embedded-" + sequence);
                    writer.WriteString("eventName", entry.EventName);
                    writer.WriteString("eventSource", "aws:dynamodb");
                    writer.WriteString("eventSourceARN", "arn:aws:dynamodb:us-east-1:000000000000:table/" + entry.TableName + "/stream/embedded");
                    writer.WriteStartObject("dynamodb");
                    writer.WritePropertyName("Keys");
                    DynamoDbJson.WriteItem(writer, entry.Keys);
                    if (entry.NewImage is not null)
                    {
                        writer.WritePropertyName("NewImage");
                        DynamoDbJson.WriteItem(writer, entry.NewImage);
                    }

                    writer.WriteString("SequenceNumber", sequence);
                    writer.WriteString("StreamViewType", "NEW_IMAGE");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.Position = 0;
            return stream;
        }
    }
}
