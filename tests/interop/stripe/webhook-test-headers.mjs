// Prints Stripe-Signature headers made by the official Node library's test-header generator,
// so the C# verifier can be checked against Stripe's own signing code.
// stdin: JSON array of { payload, secret, timestamp }; stdout: JSON array of header strings.
import Stripe from 'stripe';

const stripe = new Stripe('sk_test_interop');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const headers = JSON.parse(input).map(({ payload, secret, timestamp }) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }));
process.stdout.write(JSON.stringify(headers));
