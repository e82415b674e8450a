// Receives up to 32 messages with the official @azure/storage-queue SDK and prints them as JSON:
// the text as on the wire and as decoded from base64 (what the Functions queue trigger does).
// env: AZURITE_CONNECTION_STRING, QUEUE
import { QueueClient } from "@azure/storage-queue";

const { AZURITE_CONNECTION_STRING: connection, QUEUE: queue } = process.env;
const client = new QueueClient(connection, queue);

const { receivedMessageItems } = await client.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 30 });
const messages = [];
for (const message of receivedMessageItems) {
  messages.push({
    messageId: message.messageId,
    wireText: message.messageText,
    text: Buffer.from(message.messageText, "base64").toString("utf8"),
    dequeueCount: message.dequeueCount,
  });
  await client.deleteMessage(message.messageId, message.popReceipt);
}
process.stdout.write(JSON.stringify(messages));
