#!/usr/bin/env bash
# Runs the whole system locally: Azurite (in memory), the Stripe emulator forwarding signed
# webhooks to the app, and the Function App on the local function host (tools/BillingLocalHost),
# which serves its HTTP functions, fires its timers and polls its queues. Ctrl-C stops everything.
# With STRIPE_API_KEY=sk_test_... set, the app talks to real Stripe and no emulator starts.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
trap stack_stop EXIT
trap 'exit 130' INT TERM
cd "$STACK_ROOT"

ensure_npm_tools
dotnet build BillingFunctions.sln --configuration Release --verbosity quiet -nologo
start_azurite

app_port=${APP_PORT:-$(free_port)}
app_url="http://127.0.0.1:$app_port"
webhook_secret="whsec_$(node -e "console.log(require('crypto').randomBytes(24).toString('hex'))")"
platform_key="${PLATFORM_ADMIN_KEY:-pk_local_$(node -e "console.log(require('crypto').randomBytes(16).toString('hex'))")}"

if [ -n "${STRIPE_API_KEY:-}" ]; then
  stripe_mode=live; stripe_url="https://api.stripe.com/"; stripe_key=$STRIPE_API_KEY
  echo "Stripe: real Stripe with the key in STRIPE_API_KEY; point a webhook endpoint (api_version 2026-10-28.endive, the version Stripe.net 53 reads) at the URL printed below."
else
  stripe_port=$(free_port)
  stripe_mode=emulator; stripe_url="http://127.0.0.1:$stripe_port/"; stripe_key=sk_test_local
  # Its webhook target is added once the demo tenant exists (the URL carries the tenant id).
  dotnet tools/StripeEmulator/bin/Release/net10.0/StripeEmulator.dll --urls "http://127.0.0.1:$stripe_port" \
    >"$STACK_LOGS/stripe-emulator.log" 2>&1 &
  STACK_PIDS+=($!)
  wait_for_port "$stripe_port"
fi

mail_smtp=$(free_port); mail_web=$(free_port)
"$STACK_ROOT/node_modules/.bin/maildev" --ip 127.0.0.1 --smtp "$mail_smtp" --web "$mail_web" --silent \
  >"$STACK_LOGS/maildev.log" 2>&1 &
STACK_PIDS+=($!)

BILLING_STORAGE="$AZURITE_CONNECTION_STRING" AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" \
Stripe__Mode="$stripe_mode" Stripe__BaseUrl="$stripe_url" Stripe__ApiKey="$stripe_key" \
Platform__ApiKey="$platform_key" \
Notifications__Smtp__Host=127.0.0.1 Notifications__Smtp__Port="$mail_smtp" Notifications__Smtp__Security=None \
Clock__TimeTravel=true \
  dotnet tools/BillingLocalHost/bin/Release/net10.0/BillingLocalHost.dll --urls "$app_url" >"$STACK_LOGS/app.log" 2>&1 &
STACK_PIDS+=($!)
wait_for_port "$app_port" 120
until curl -fsS "$app_url/api/health" >/dev/null 2>&1; do sleep 0.5; done

eval "$(node scripts/lib/demo-tenant.mjs "$app_url" "$platform_key" "$stripe_url" "$stripe_mode" "$webhook_secret")"

cat <<EOT

Billing Functions is running (logs in $STACK_LOGS):
  app             $app_url   (health: $app_url/api/health, OpenAPI: $app_url/api/v1/openapi.json)
  stripe          $stripe_url ($stripe_mode)
  emails          http://127.0.0.1:$mail_web (maildev)
  platform key    $platform_key

Demo tenant $DEMO_TENANT (Stripe webhooks: $app_url/api/webhooks/stripe/$DEMO_TENANT)
  API key         $DEMO_API_KEY   (shown once; only its hash is stored)
  acting users    admin-1 (admin), finance-1 (finance), manager-1 (manager, team north),
                  rep-1 (rep, north; owns customer $DEMO_CUSTOMER), rep-2 (rep, south)
Try:
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" $app_url/api/v1/invoices
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" -H "Idempotency-Key: try-pay-1" \\
       -X POST $app_url/api/v1/invoices/$DEMO_INVOICE/pay
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: manager-1" $app_url/api/v1/dashboards/team
  (rep-2 asking for $DEMO_INVOICE gets 404: another team's client.)
Subscriptions renew by themselves; move the app's clock (time travel is on here; only the platform key moves it) and watch them:
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" $app_url/api/v1/subscriptions/$DEMO_SUBSCRIPTION
  curl -s -X POST -H "X-Platform-Key: $platform_key" -H "Content-Type: application/json" -d '{"advanceBy":"31.00:00:00"}' $app_url/api/dev/clock
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" "$app_url/api/v1/invoices?customerId=$DEMO_CUSTOMER"
Month-end billing: rep-1 enters the month's amount for Globex, manager-1 approves, the invoice is charged and emailed:
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" -H "Content-Type: application/json" \\
       -H "Idempotency-Key: try-submit-1" -d '{"amount":125000,"currency":"usd","note":"November retainer"}' \\
       -X POST "$app_url/api/v1/month-end/entries/$DEMO_ENTRY/submit"
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: manager-1" -H "Idempotency-Key: try-approve-1" \\
       -X POST "$app_url/api/v1/month-end/entries/$DEMO_ENTRY/approve"
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: manager-1" $app_url/api/v1/month-end/report
CSV (docs/CSV.md): an export holds what its user sees; finance checks a file for import (without dryRun it is imported,
and GET /api/v1/imports/{importId} shows how far it got):
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: rep-1" $app_url/api/v1/invoices/export.csv
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: finance-1" -o customers.csv $app_url/api/v1/customers/export.csv
  curl -s -H "Authorization: Bearer $DEMO_API_KEY" -H "X-Acting-User: finance-1" -H "Content-Type: text/csv" \\
       --data-binary @customers.csv "$app_url/api/v1/imports/customers?dryRun=true"

Ctrl-C stops everything.
EOT
wait
