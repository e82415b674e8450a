// Reads every entity of one partition with the official @azure/data-tables SDK and prints them as JSON,
// each property as {value, type} exactly as the SDK sees it (type conversion off, so no precision is lost).
// env: AZURITE_CONNECTION_STRING, TABLE, PARTITION
import { TableClient, odata } from "@azure/data-tables";

const { AZURITE_CONNECTION_STRING: connection, TABLE: table, PARTITION: partition } = process.env;
const client = TableClient.fromConnectionString(connection, table, { allowInsecureConnection: true });

const entities = [];
const query = client.listEntities({
  queryOptions: { filter: odata`PartitionKey eq ${partition}` },
  disableTypeConversion: true,
});
for await (const entity of query) {
  const point = await client.getEntity(entity.partitionKey, entity.rowKey, { disableTypeConversion: true });
  const { etag, partitionKey, rowKey, timestamp, ...typed } = point;
  // Values print as strings so that C# compares them without JSON number rounding.
  const properties = Object.fromEntries(
    Object.entries(typed)
      .filter(([name]) => !name.startsWith("odata."))
      .map(([name, { value, type }]) => [name, { value: String(value), type }]),
  );
  entities.push({ partitionKey, rowKey, etag, properties });
}
process.stdout.write(JSON.stringify(entities));
