// Role assignments for the app's identity (and, optionally, the developer running azd, for local runs
// against the cloud resources). Names are guid(scope, principal, role) so re-deploys are idempotent.
// Role definition ids are the built-in roles' fixed GUIDs.
param storageAccountName string
param serviceBusNamespaceName string
param gameEventsQueueName string
param sessionMessagesTopicName string
param keyVaultName string
param applicationInsightsName string
param appPrincipalId string
@description('Object id of the principal running azd; empty to skip developer access.')
param developerPrincipalId string = ''
@description('Kind of developerPrincipalId: User locally, ServicePrincipal when azd runs in CI (azd sets AZURE_PRINCIPAL_TYPE).')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param developerPrincipalType string = 'User'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource gameEvents 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: gameEventsQueueName
}

resource sessionMessages 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = {
  parent: serviceBus
  name: sessionMessagesTopicName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Storage: blob (host + deployment package), queue and table (Durable Task hub, app tables).
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]: {
  name: guid(storage.id, appPrincipalId, role)
  scope: storage
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// Service Bus, least privilege: the app only receives from the game-events queue and only sends to the
// session-messages topic; a namespace-wide role would also let it read the game servers' subscriptions.
resource gameEventsReceiverRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(gameEvents.id, appPrincipalId, roles.serviceBusDataReceiver)
  scope: gameEvents
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

resource sessionMessagesSenderRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sessionMessages.id, appPrincipalId, roles.serviceBusDataSender)
  scope: sessionMessages
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

resource keyVaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource monitoringRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Developer (or the CI principal running azd): read/write tables, and both sides of each Service Bus
// entity (act as a game server, or run the app locally against the cloud), still scoped to the two entities.
resource developerStorageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(storage.id, developerPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

var developerServiceBusRoles = empty(developerPrincipalId) ? [] : [
  roles.serviceBusDataReceiver
  roles.serviceBusDataSender
]

resource developerGameEventsRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in developerServiceBusRoles: {
  name: guid(gameEvents.id, developerPrincipalId, role)
  scope: gameEvents
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource developerSessionMessagesRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in developerServiceBusRoles: {
  name: guid(sessionMessages.id, developerPrincipalId, role)
  scope: sessionMessages
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]
