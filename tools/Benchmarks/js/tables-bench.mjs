// The storage benchmark's JavaScript half: the same operations as tools/Benchmarks/Storage through the
// official @azure/data-tables SDK, against the same Azurite. Prints one JSON object of rates.
// env: AZURITE_CONNECTION_STRING, TABLE, SINGLE_INSERTS, BATCHES, POINT_READS, WARMUP
import { TableClient } from "@azure/data-tables";

const env = process.env;
const counts = {
  singleInserts: Number(env.SINGLE_INSERTS),
  batches: Number(env.BATCHES),
  pointReads: Number(env.POINT_READS),
  warmup: Number(env.WARMUP),
};
const client = TableClient.fromConnectionString(env.AZURITE_CONNECTION_STRING, env.TABLE, { allowInsecureConnection: true });
await client.createTable();

// The same invoice-like shape as the C# side: 8 properties over the common types.
function invoice(partitionKey, i) {
  return {
    partitionKey,
    rowKey: `inv|${String(i).padStart(8, "0")}`,
    Customer: `cus_${i}`,
    Status: "open",
    AmountMinor: { value: String(125_000 + i), type: "Int64" },
    Currency: "EUR",
    DueOn: { value: "2026-12-31T00:00:00.0000000Z", type: "DateTime" },
    Id: { value: "6f9619ff-8b86-d011-b42d-00c04fc964ff", type: "Guid" },
    Attempt: 1,
    Paid: false,
  };
}

async function rate(count, operation) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await operation(i);
  return count / ((performance.now() - started) / 1000);
}

for (let i = 0; i < counts.warmup; i++) {
  await client.createEntity(invoice("warmup", i));
  await client.getEntity("warmup", invoice("warmup", i).rowKey);
}

const singleInsertsPerSecond = await rate(counts.singleInserts, (i) => client.createEntity(invoice("single", i)));
const batchesPerSecond = await rate(counts.batches, (b) =>
  client.submitTransaction(Array.from({ length: 100 }, (_, i) => ["create", invoice(`batch-${b}`, i)])),
);
const pointReadsPerSecond = await rate(counts.pointReads, (i) =>
  client.getEntity("single", invoice("single", i % counts.singleInserts).rowKey),
);

process.stdout.write(JSON.stringify({
  singleInsertsPerSecond,
  batchEntitiesPerSecond: batchesPerSecond * 100,
  pointReadsPerSecond,
}));
