// One account for everything: the Functions host (AzureWebJobsStorage), the deployment package, and the app's
// tables and queues. No account key can be used (allowSharedKeyAccess: false): only Entra ID, through the roles below.
param name string
param location string
param tags object
param deploymentContainerName string
@description('The app\'s user-assigned identity, given the roles below.')
param identityName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // the host takes blob leases and writes the package container
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // queue triggers, and the app's own queues
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // the billing tables, process state, key ring
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobs
  name: deploymentContainerName
}

resource identityRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(account.id, identity.id, role.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
