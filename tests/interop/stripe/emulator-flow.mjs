// Drives the Stripe emulator with the official Stripe Node library and checks that the library's own
// webhook verification accepts the emulator's signed deliveries. Prints one JSON document to stdout.
// Usage: EMULATOR_URL=http://127.0.0.1:PORT/ node tests/interop/stripe/emulator-flow.mjs
import http from 'node:http';
import Stripe from 'stripe';

const base = new URL(process.env.EMULATOR_URL ?? fail('EMULATOR_URL is not set'));
const secret = 'whsec_node_interop_' + Math.random().toString(36).slice(2);
const stripe = new Stripe('sk_test_node_interop', {
  host: base.hostname,
  port: Number(base.port),
  protocol: 'http',
  apiVersion: '2026-10-28.endive',
  maxNetworkRetries: 0,
  telemetry: false,
});

function fail(message) {
  console.error(message);
  process.exit(2);
}

// A webhook endpoint that verifies every delivery with stripe.webhooks.constructEvent.
const deliveries = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const signature = req.headers['stripe-signature'];
    const result = { signature };
    try {
      const event = stripe.webhooks.constructEvent(raw, signature, secret);
      Object.assign(result, { verified: true, id: event.id, type: event.type, apiVersion: event.api_version });
    } catch (error) {
      Object.assign(result, { verified: false, error: error.message });
    }
    try {
      stripe.webhooks.constructEvent(raw + ' ', signature, secret);
      result.tamperedAccepted = true;
    } catch {
      result.tamperedAccepted = false;
    }
    try {
      stripe.webhooks.constructEvent(raw, signature, 'whsec_wrong');
      result.wrongSecretAccepted = true;
    } catch {
      result.wrongSecretAccepted = false;
    }
    deliveries.push(result);
    res.writeHead(200).end();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${server.address().port}/webhooks`;
const registered = await fetch(new URL('_emulator/webhooks', base), {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ url: hookUrl, secret }),
});
if (!registered.ok) fail(`could not register webhook target: ${registered.status}`);

const errorOf = (e) => ({ type: e.type, rawType: e.rawType, statusCode: e.statusCode, code: e.code, declineCode: e.decline_code, charge: e.raw?.charge });

// The happy path.
const customer = await stripe.customers.create({ email: 'node@example.com', name: 'Node Interop', metadata: { source: 'interop' } });
const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
const item = await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd', description: 'Interop work' });
const draft = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
const open = await stripe.invoices.finalizeInvoice(draft.id);
// Since basil the invoice names no charge or payment intent: its payments (includable, so expanded) do.
const paid = await stripe.invoices.pay(open.id, { expand: ['payments.data.payment.payment_intent'] });
const paidIntent = paid.payments.data[0].payment.payment_intent;
const retrievedIntent = await stripe.paymentIntents.retrieve(paidIntent.id, { expand: ['latest_charge'] });
const listed = await stripe.invoices.list({ customer: customer.id, status: 'paid', limit: 5 });
const retrieved = await stripe.customers.retrieve(customer.id);
const again1 = await stripe.customers.create({ email: 'same@example.com' }, { idempotencyKey: 'node-interop-key' });
const again2 = await stripe.customers.create({ email: 'same@example.com' }, { idempotencyKey: 'node-interop-key' });
const refund = await stripe.refunds.create({ charge: retrievedIntent.latest_charge.id, amount: 500 });
const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://crm.example.com' });
const setup = await stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_mastercard', confirm: true });

// The declines.
const failing = await stripe.customers.create({ email: 'declined@example.com' });
const failingCard = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: failing.id });
await stripe.customers.update(failing.id, { invoice_settings: { default_payment_method: failingCard.id } });
await stripe.invoiceItems.create({ customer: failing.id, amount: 3100, currency: 'usd' });
const failingInvoice = await stripe.invoices.finalizeInvoice(
  (await stripe.invoices.create({ customer: failing.id, pending_invoice_items_behavior: 'include' })).id);
let declined = null;
try {
  await stripe.invoices.pay(failingInvoice.id);
} catch (e) {
  declined = errorOf(e);
}
let attachDeclined = null;
try {
  await stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: failing.id });
} catch (e) {
  attachDeclined = errorOf(e);
}
const afterDecline = await stripe.invoices.retrieve(failingInvoice.id, { expand: ['payments.data.payment.payment_intent'] });
const declinedIntent = afterDecline.payments.data[0].payment.payment_intent;
const voided = await stripe.invoices.voidInvoice(failingInvoice.id);

// Wait until every event of this run has been delivered.
const events = [];
for await (const e of stripe.events.list({ limit: 100 })) events.push(e);
const deadline = Date.now() + 15000;
while (deliveries.length < events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
server.close();

console.log(JSON.stringify({
  flow: {
    customerId: customer.id,
    cardId: card.id,
    cardCustomer: card.customer,
    defaultPaymentMethod: retrieved.invoice_settings.default_payment_method,
    itemAmount: item.amount,
    draftStatus: draft.status,
    draftTotal: draft.total,
    openStatus: open.status,
    openNumber: open.number,
    hostedInvoiceUrl: open.hosted_invoice_url,
    paidStatus: paid.status,
    amountPaid: paid.amount_paid,
    paymentIntentStatus: paidIntent.status,
    retrievedIntentStatus: retrievedIntent.status,
    staleInvoiceFields: ['paid', 'charge', 'payment_intent', 'subscription'].filter((f) => f in paid),
    listedIds: listed.data.map((i) => i.id),
    paidInvoiceId: paid.id,
    idempotentSameId: again1.id === again2.id,
    refundStatus: refund.status,
    portalUrl: portal.url,
    setupStatus: setup.status,
  },
  declined,
  attachDeclined,
  afterDecline: {
    status: afterDecline.status,
    attemptCount: afterDecline.attempt_count,
    nextPaymentAttempt: afterDecline.next_payment_attempt,
    paymentStatus: afterDecline.payments.data[0].status,
    lastPaymentError: {
      code: declinedIntent.last_payment_error?.code,
      declineCode: declinedIntent.last_payment_error?.decline_code,
      message: declinedIntent.last_payment_error?.message,
    },
  },
  voidedStatus: voided.status,
  eventCount: events.length,
  deliveries,
}));
