// The one identity the Function App acts as: storage, Key Vault and Application Insights trust it, and the app's
// settings name its client id. User-assigned so the roles exist before the app's first start.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
