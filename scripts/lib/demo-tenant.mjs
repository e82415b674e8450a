// Provisions the demo tenant through the app's own API, as a platform operator and then as the
// tenant's admin would: users with roles and teams, a customer with a card, a draft and an open invoice.
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
  name: 'Demo Co', currency: 'usd', time_zone: 'Europe/Berlin',
  stripe_secret_key: stripeMode === 'live' ? process.env.STRIPE_API_KEY : 'sk_test_local',
  webhook_secret: webhookSecret, admin_user_id: 'admin-1', admin_name: 'Ada Admin',
}, { 'X-Platform-Key': platformKey });

const as = (user) => ({ authorization: `Bearer ${tenant.api_key}`, 'x-acting-user': user });
const users = [
  ['finance-1', { role: 'finance', name: 'Fiona Finance' }],
  ['manager-1', { role: 'manager', team_id: 'north', name: 'Max Manager' }],
  ['rep-1', { role: 'rep', team_id: 'north', name: 'Rita Rep' }],
  ['rep-2', { role: 'rep', team_id: 'south', name: 'Sam Rep' }],
];
for (const [id, user] of users) await call('PUT', `/api/v1/users/${id}`, user, as('admin-1'));

if (stripeMode !== 'live') {
  // Like `stripe listen --forward-to`: the emulator signs with the tenant's webhook secret.
  const target = await fetch(new URL('/_emulator/webhooks', stripeUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${appUrl}/api/webhooks/stripe/${tenant.tenant_id}`, secret: webhookSecret }),
  });
  if (!target.ok) throw new Error(`emulator webhook target: ${target.status}`);
}

const customer = await call('POST', '/api/v1/customers',
  { name: 'Acme GmbH', email: 'billing@acme.example', owner_id: 'rep-1', currency: 'usd' },
  { ...as('rep-1'), 'idempotency-key': 'demo-customer-acme' });
await call('POST', `/api/v1/customers/${customer.id}/default-payment-method`, { payment_method_id: 'pm_card_visa' },
  { ...as('rep-1'), 'idempotency-key': 'demo-card-acme' });

const invoice = (key, lines) => call('POST', '/api/v1/invoices',
  { customer_id: customer.id, collection_method: 'send_invoice', days_until_due: 14, lines, labels: ['demo'] },
  { ...as('rep-1'), 'idempotency-key': key });
await invoice('demo-invoice-draft', [{ description: 'Onboarding workshop', quantity: 1, unit_amount: 120000 }]);
const open = await invoice('demo-invoice-open', [{ description: 'Consulting hours', quantity: 10, unit_amount: 15000, tax_rate_basis_points: 1900 }]);
await call('POST', `/api/v1/invoices/${open.id}/finalize`, {}, { ...as('rep-1'), 'idempotency-key': 'demo-invoice-open-finalize' });

console.log(`DEMO_TENANT=${tenant.tenant_id}`);
console.log(`DEMO_API_KEY=${tenant.api_key}`);
console.log(`DEMO_CUSTOMER=${customer.id}`);
console.log(`DEMO_INVOICE=${open.id}`);
