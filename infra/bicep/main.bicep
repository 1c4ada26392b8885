// CharacterFunctions on Azure: Flex Consumption function app (.NET isolated) with a user-assigned
// identity, Storage (host, Durable Task hub, app tables), Service Bus (game-events queue,
// session-messages topic), Key Vault (model API key), Log Analytics + Application Insights, and the
// role assignments tying them together. Deployed by `azd up` (see docs/azure.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used for the resource group and the unique resource suffix.')
param environmentName string

// Regions that offer Flex Consumption, as listed by Azure-Samples/functions-quickstart-dotnet-azd
// (Feb 2026) without its canary region eastus2euap; `az functionapp list-flexconsumption-locations`
// prints the current list.
@minLength(1)
@description('Region of all resources. Must offer Flex Consumption.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the principal running azd (AZURE_PRINCIPAL_ID); gets table and Service Bus data access for local testing. Empty to skip.')
param principalId string = ''

@description('Kind of principalId, from azd (AZURE_PRINCIPAL_TYPE): User when run by a person, ServicePrincipal in CI.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@secure()
@description('DashScope (Model Studio) API key; stored in Key Vault, never in app settings.')
param dashscopeApiKey string

@secure()
@description('Secret that signs session access tokens (at least 32 random characters).')
param sessionTokenSecret string

@secure()
@description('Operator key the shared layer accepts as x-functions-key on player-or-operator routes; also set it as a host key (docs/azure.md).')
param operatorKey string

// The app's ModelRegion values; it builds the Model Studio URL from the region (and the workspace id for
// Singapore) and refuses to start when Singapore has no workspace id.
@description('Model Studio region of the model endpoint; used when modelBaseUrl is empty.')
@allowed([
  'Beijing'
  'International'
  'Singapore'
])
param modelRegion string = 'Beijing'

@description('Model Studio workspace id; required for the Singapore region, else unused.')
param modelWorkspaceId string = ''

@description('OpenAI-compatible base URL of the model (a proxy or gateway); empty to derive it from modelRegion. Overrides the region when set.')
param modelBaseUrl string = ''

@description('Model used when a character does not name one.')
param defaultModel string = 'qwen-plus-character'

// The bounds are the app's own (SessionService.MaxIdleSeconds, SessionService.MaxNudges): a value outside them
// would deploy and then stop the app at start-up. build.sh's Bicep check compares them.
@description('Default idle continuation delay (seconds) for sessions that do not set one; 0 disables.')
@minValue(0)
@maxValue(86400)
param idleAfterSeconds int = 0

@description('Default maximum nudges in a row.')
@minValue(0)
@maxValue(10)
param idleMaxNudges int = 1

@description('Age (days) after which the task-hub purge removes completed and failed orchestration instances.')
@minValue(1)
@maxValue(365)
param durablePurgeAfterDays int = 7

@description('.NET isolated runtime version on Flex Consumption.')
param runtimeVersion string = '10.0'

@description('Flex Consumption scale-out limit.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Max deliveries of a game event before Service Bus dead-letters it.')
@minValue(1)
param gameEventsMaxDeliveryCount int = 10

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: 'sb-${resourceToken}'
    location: location
    tags: tags
    gameEventsMaxDeliveryCount: gameEventsMaxDeliveryCount
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    dashscopeApiKey: dashscopeApiKey
    sessionTokenSecret: sessionTokenSecret
    operatorKey: operatorKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    gameEventsQueueName: serviceBus.outputs.gameEventsQueueName
    sessionMessagesTopicName: serviceBus.outputs.sessionMessagesTopicName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  // Key Vault references and identity-based connections need the roles before the host starts.
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    dashscopeApiKeyUri: keyVault.outputs.dashscopeApiKeyUri
    sessionTokenSecretUri: keyVault.outputs.sessionTokenSecretUri
    operatorKeyUri: keyVault.outputs.operatorKeyUri
    runtimeVersion: runtimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    modelBaseUrl: modelBaseUrl
    modelRegion: modelRegion
    modelWorkspaceId: modelWorkspaceId
    defaultModel: defaultModel
    idleAfterSeconds: idleAfterSeconds
    idleMaxNudges: idleMaxNudges
    durablePurgeAfterDays: durablePurgeAfterDays
    tablePrefix: 'cf'
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.name
output SERVICEBUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
