// Provisions the demo tenant through the app's own API, as a platform operator and then as the
// tenant's admin would: users with roles and teams, a customer with a card, a draft and an open invoice,
// a plan and a subscription that renews by itself, and a customer on month-end billing.
// Prints shell assignments (DEMO_TENANT=..., DEMO_API_KEY=...) for scripts/run.sh to eval.
const [appUrl, platformKey, stripeUrl, stripeMode, webhookSecret] = process.argv.slice(2);

async function call(method, path, body, headers = {}) {
  const response = await fetch(appUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const tenant = await call('POST', '/api/v1/platform/tenants', {
  name: 'Demo Co', currency: 'usd', timeZone: 'Europe/Berlin',
  stripeSecretKey: stripeMode === 'live' ? process.env.STRIPE_API_KEY : 'sk_test_localEmulatorDemo',
  webhookSecret: webhookSecret, adminUserId: 'admin-1', adminName: 'Ada Admin',
}, { 'X-Platform-Key': platformKey });

const as = (user) => ({ authorization: `Bearer ${tenant.apiKey}`, 'x-acting-user': user });
const users = [
  ['finance-1', { role: 'finance', name: 'Fiona Finance' }],
  ['manager-1', { role: 'manager', teamId: 'north', name: 'Max Manager' }],
  ['rep-1', { role: 'rep', teamId: 'north', name: 'Rita Rep', email: 'rita@demo.example' }],
  ['rep-2', { role: 'rep', teamId: 'south', name: 'Sam Rep' }],
];
for (const [id, user] of users) await call('PUT', `/api/v1/users/${id}`, user, as('admin-1'));

if (stripeMode !== 'live') {
  // Like `stripe listen --forward-to`: the emulator signs with the tenant's webhook secret.
  const target = await fetch(new URL('/_emulator/webhooks', stripeUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${appUrl}/api/webhooks/stripe/${tenant.tenantId}`, secret: webhookSecret }),
  });
  if (!target.ok) throw new Error(`emulator webhook target: ${target.status}`);
}

const customer = await call('POST', '/api/v1/customers',
  { name: 'Acme GmbH', email: 'billing@acme.example', ownerId: 'rep-1', currency: 'usd' },
  { ...as('rep-1'), 'idempotency-key': 'demo-customer-acme' });
await call('POST', `/api/v1/customers/${customer.id}/default-payment-method`, { paymentMethodId: 'pm_card_visa' },
  { ...as('rep-1'), 'idempotency-key': 'demo-card-acme' });

const invoice = (key, lines) => call('POST', '/api/v1/invoices',
  { customerId: customer.id, collectionMethod: 'send_invoice', daysUntilDue: 14, lines, labels: ['demo'] },
  { ...as('rep-1'), 'idempotency-key': key });
await invoice('demo-invoice-draft', [{ description: 'Onboarding workshop', quantity: 1, unitAmount: 120000 }]);
const open = await invoice('demo-invoice-open', [{ description: 'Consulting hours', quantity: 10, unitAmount: 15000, taxRateBasisPoints: 1900 }]);
await call('POST', `/api/v1/invoices/${open.id}/finalize`, {}, { ...as('rep-1'), 'idempotency-key': 'demo-invoice-open-finalize' });

// Finance keeps the catalog; the rep subscribes their customer (billed now, then every month by the renewal timer).
const product = await call('POST', '/api/v1/catalog/products', { name: 'Acme Cloud' },
  { ...as('finance-1'), 'idempotency-key': 'demo-product' });
const plan = await call('POST', '/api/v1/catalog/plans',
  { productId: product.id, name: 'Team', unitAmount: 4900, currency: 'usd', interval: 'month', intervalCount: 1 },
  { ...as('finance-1'), 'idempotency-key': 'demo-plan' });
const subscription = await call('POST', '/api/v1/subscriptions',
  { customerId: customer.id, planId: plan.id, quantity: 3 },
  { ...as('rep-1'), 'idempotency-key': 'demo-subscription' });

// A client billed a different amount each month: the rep enters it, the manager approves it.
const globex = await call('POST', '/api/v1/customers',
  { name: 'Globex Ltd', email: 'ap@globex.example', ownerId: 'rep-1', currency: 'usd' },
  { ...as('rep-1'), 'idempotency-key': 'demo-customer-globex' });
await call('POST', `/api/v1/customers/${globex.id}/default-payment-method`, { paymentMethodId: 'pm_card_visa' },
  { ...as('rep-1'), 'idempotency-key': 'demo-card-globex' });
const clock = await call('GET', '/api/dev/clock');
const entry = await call('POST', '/api/v1/month-end/enrollments',
  { customerId: globex.id, firstPeriod: clock.now.slice(0, 7) },
  { ...as('rep-1'), 'idempotency-key': 'demo-month-end-globex' });

console.log(`DEMO_TENANT=${tenant.tenantId}`);
console.log(`DEMO_API_KEY=${tenant.apiKey}`);
console.log(`DEMO_CUSTOMER=${customer.id}`);
console.log(`DEMO_INVOICE=${open.id}`);
console.log(`DEMO_SUBSCRIPTION=${subscription.id}`);
console.log(`DEMO_ENTRY='${entry.id}'`);
