// Key Vault with Azure RBAC. The app reads the platform's secrets through Key Vault references, and it also WRITES
// secrets: provisioning a tenant stores the tenant's Stripe key and webhook signing secret here
// (TenantSecrets__KeyVaultUri). Reading alone would be Key Vault Secrets User; writing needs Key Vault Secrets Officer.
param name string
param location string
param tags object
@description('The app\'s user-assigned identity, given the roles below.')
param identityName string
@description('The deploying user (azd sets AZURE_PRINCIPAL_ID), given Secrets Officer to set the Stripe secrets. Empty: nobody.')
param operatorPrincipalId string
@secure()
param platformApiKey string

var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Written by the deployment so the app's reference always resolves: an unresolved Key Vault reference leaves its own
// text ("@Microsoft.KeyVault(...)") as the setting's value, and that text would then be the platform key.
resource platformKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'platform-api-key'
  properties: { value: platformApiKey }
}

resource identitySecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
    principalId: operatorPrincipalId
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output platformApiKeySecretName string = platformKey.name
