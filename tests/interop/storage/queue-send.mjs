// Sends messages with the official @azure/storage-queue SDK, base64-encoding each text the way the
// Azure Functions queue trigger expects. Reads a JSON array of {text, visibilityTimeoutSeconds?} from stdin.
// env: AZURITE_CONNECTION_STRING, QUEUE
import { QueueClient } from "@azure/storage-queue";

const { AZURITE_CONNECTION_STRING: connection, QUEUE: queue } = process.env;
const client = new QueueClient(connection, queue);

let input = "";
for await (const chunk of process.stdin) input += chunk;

const sent = [];
for (const { text, visibilityTimeoutSeconds } of JSON.parse(input)) {
  const receipt = await client.sendMessage(Buffer.from(text, "utf8").toString("base64"), {
    visibilityTimeout: visibilityTimeoutSeconds,
  });
  sent.push({ messageId: receipt.messageId, nextVisibleOn: receipt.nextVisibleOn.toISOString() });
}
process.stdout.write(JSON.stringify(sent));
