// Everything `azd up` provisions for the Billing Functions app, in one resource group: see docs/DEPLOY.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer the Flex Consumption plan.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person deploying (azd sets AZURE_PRINCIPAL_ID): may set secrets in the Key Vault.')
param principalId string = ''

@description('The platform operator key (X-Platform-Key). azd makes a random one on the first run and keeps it in Key Vault.')
@secure()
param platformApiKey string

@description('live: api.stripe.com with the keys in Key Vault (test keys work too); emulator: a Stripe emulator at stripeBaseUrl.')
@allowed(['live', 'emulator'])
param stripeMode string = 'live'

@description('Stripe API root; empty for api.stripe.com. Needed only for the emulator mode.')
param stripeBaseUrl string = ''

@description('Whether tenants may use Stripe Connect accounts: the app then reads the secret stripe-platform-secret-key.')
param stripeConnect bool = false

@description('SMTP server the outbox sends dunning, reminder and invoice emails through.')
param smtpHost string

@description('SMTP port.')
param smtpPort int = 587

@description('SMTP transport security.')
@allowed(['StartTls', 'ImplicitTls', 'None'])
param smtpSecurity string = 'StartTls'

@description('SMTP user; empty for none. With a user, the app reads the secret smtp-password.')
param smtpUserName string = ''

@description('Sender address of every email.')
param emailFrom string

@description('Domain of the Message-ID of sent emails (usually the sender\'s domain).')
param messageIdDomain string

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var identityName = 'id-billing-${resourceToken}'
var appName = 'func-billing-${resourceToken}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: { name: identityName, location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  // Names the identity by a name known before the deployment starts (for what-if), so it has to wait for it.
  dependsOn: [identity]
  name: 'storage'
  scope: group
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    identityName: identityName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  dependsOn: [identity]
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    operatorPrincipalId: principalId
    platformApiKey: platformApiKey
  }
}

module monitoring 'modules/monitoring.bicep' = {
  dependsOn: [identity]
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
  }
}

// Takes outputs of every other module, so it starts only once their role assignments exist.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  params: {
    planName: 'plan-${resourceToken}'
    appName: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    stripeMode: stripeMode
    stripeBaseUrl: stripeBaseUrl
    stripeConnect: stripeConnect
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpSecurity: smtpSecurity
    smtpUserName: smtpUserName
    emailFrom: emailFrom
    messageIdDomain: messageIdDomain
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STRIPE_WEBHOOK_URL string = '${functionApp.outputs.url}/api/webhooks/stripe/{tenant}'
