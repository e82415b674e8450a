// Application Insights on a Log Analytics workspace. Local (instrumentation key) auth is off: telemetry is accepted
// only from the identity, which holds Monitoring Metrics Publisher, and the app says so in
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING.
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object
@description('The app\'s user-assigned identity, given the roles below.')
param identityName string

var metricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource identityPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, metricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output applicationInsightsName string = insights.name
output connectionString string = insights.properties.ConnectionString
