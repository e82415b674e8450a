// Writes entities with the official @azure/data-tables SDK, one property per type, values given as
// exact {value, type} pairs so that nothing is rounded by JavaScript numbers or Dates.
// Reads a JSON array of {partitionKey, rowKey, properties: {name: {value, type}}} from stdin.
// env: AZURITE_CONNECTION_STRING, TABLE
import { TableClient } from "@azure/data-tables";

const { AZURITE_CONNECTION_STRING: connection, TABLE: table } = process.env;
const client = TableClient.fromConnectionString(connection, table, { allowInsecureConnection: true });

// Booleans, Int32s and finite Doubles travel as JSON literals; Int64, DateTime, Guid and Binary as strings.
function toEdm(value, type) {
  switch (type) {
    case "Boolean":
      return value === "true";
    case "Int32":
      return { value: Number(value), type };
    case "Double":
      return { value: Number.isFinite(Number(value)) ? Number(value) : value, type };
    default:
      return { value, type };
  }
}

let input = "";
for await (const chunk of process.stdin) input += chunk;

const etags = [];
for (const { partitionKey, rowKey, properties } of JSON.parse(input)) {
  const entity = { partitionKey, rowKey };
  for (const [name, { value, type }] of Object.entries(properties)) {
    entity[name] = toEdm(value, type);
  }
  const result = await client.createEntity(entity);
  etags.push(result.etag);
}
process.stdout.write(JSON.stringify(etags));
