// Looks through every entity of every table in the Azurite that scripts/test.sh started for a value shaped like a
// Stripe credential (sk_test_/sk_live_/rk_test_/rk_live_ keys, whsec_ webhook secrets): tenants' credentials must
// never be stored in a row (issue 11). Prints each finding and exits 1 if there is any.
// "risk_level" in stored Stripe payloads is why the key prefixes are matched whole, not as a bare "sk_".
import { TableClient, TableServiceClient } from '@azure/data-tables';

const connection = process.env.AZURITE_CONNECTION_STRING;
if (!connection) throw new Error('AZURITE_CONNECTION_STRING is not set');
const credential = /\b(sk|rk)_(test|live)_|whsec_/;
const options = { allowInsecureConnection: true };

let tables = 0, entities = 0;
const findings = [];
for await (const table of TableServiceClient.fromConnectionString(connection, options).listTables()) {
  tables++;
  const client = TableClient.fromConnectionString(connection, table.name, options);
  for await (const entity of client.listEntities()) {
    entities++;
    for (const [name, value] of Object.entries(entity)) {
      // Int64 properties arrive as BigInt, which JSON.stringify refuses.
      const text = typeof value === 'string' ? value : JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
      if (text && credential.test(text)) findings.push(`${table.name} ${entity.partitionKey} ${entity.rowKey} ${name}`);
    }
  }
}

for (const finding of findings) console.log(`Stripe credential stored in table row: ${finding}`);
console.log(`Secrets scan: ${tables} tables, ${entities} entities, ${findings.length} Stripe credentials found`);
process.exit(findings.length ? 1 : 0);
