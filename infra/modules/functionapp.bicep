// The Function App on the Flex Consumption plan (FC1, Linux), .NET isolated worker. It acts as the user-assigned
// identity everywhere: storage by account name, Key Vault references, Application Insights. No setting holds a key
// or a secret: secrets are Key Vault references resolved by the same identity (keyVaultReferenceIdentity).
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param keyVaultUri string
param applicationInsightsConnectionString string
param maximumInstanceCount int
param instanceMemoryMB int
param stripeMode string
param stripeBaseUrl string
param stripeConnect bool
param smtpHost string
param smtpPort int
param smtpSecurity string
param smtpUserName string
param emailFrom string
param messageIdDomain string


// Where the Key Vault references below point; the vault URI ends in a slash.
var secrets = '${keyVaultUri}secrets'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Every setting the app reads (functions/BillingFunctions.App/Hosting/AppSettings.cs) is here or in docs/DEPLOY.md,
      // and every other one is for the host or the Azure SDKs (tests/BillingFunctions.App.Tests/Deployment).
      appSettings: [
        // The Functions host and the Azure SDKs: storage and telemetry by identity. Not read by the app's own code.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // The app's own settings. Secrets are Key Vault references without a version: they follow the secret's latest
        // version (App Service reads it again within a day, or at a restart).
        // The queue triggers' connection and the app's tables and queues, by identity (StorageAccounts.cs).
        { name: 'BILLING_STORAGE__accountName', value: storageAccountName }
        { name: 'BILLING_STORAGE__credential', value: 'managedidentity' }
        { name: 'BILLING_STORAGE__clientId', value: identityClientId }
        { name: 'Billing__Table', value: 'billing' }
        { name: 'Billing__ApiKeyTable', value: 'billingkeys' }
        { name: 'Platform__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${secrets}/platform-api-key)' }
        { name: 'Stripe__Mode', value: stripeMode }
        { name: 'Stripe__BaseUrl', value: stripeBaseUrl }
        { name: 'Stripe__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${secrets}/stripe-api-key)' }
        // Empty: provisioning a Connect tenant answers 409 connect-not-configured, instead of Stripe refusing a bad key.
        { name: 'Stripe__PlatformSecretKey', value: stripeConnect ? '@Microsoft.KeyVault(SecretUri=${secrets}/stripe-platform-secret-key)' : '' }
        { name: 'TenantSecrets__KeyVaultUri', value: keyVaultUri }
        { name: 'TenantSecrets__KeyRingTable', value: 'billingkeyring' }
        { name: 'TenantSecrets__WebhookSecretGrace', value: '1.00:00:00' }
        { name: 'Notifications__Smtp__Host', value: smtpHost }
        { name: 'Notifications__Smtp__Port', value: string(smtpPort) }
        { name: 'Notifications__Smtp__Security', value: smtpSecurity }
        { name: 'Notifications__Smtp__UserName', value: smtpUserName }
        { name: 'Notifications__Smtp__Password', value: empty(smtpUserName) ? '' : '@Microsoft.KeyVault(SecretUri=${secrets}/smtp-password)' }
        { name: 'Notifications__From', value: emailFrom }
        { name: 'Notifications__MessageIdDomain', value: messageIdDomain }
        { name: 'Clock__TimeTravel', value: 'false' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
