// Flex Consumption plan + .NET isolated function app running as the user-assigned identity. All
// connections are identity-based (`__credential`/`__clientId` settings); secrets come from Key Vault
// references resolved with the same identity (keyVaultReferenceIdentity).
param name string
param planName string
param location string
param tags object = {}
param serviceName string = 'api'

param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerName string
param serviceBusFullyQualifiedNamespace string
param applicationInsightsConnectionString string

param dashscopeApiKeyUri string
param sessionTokenSecretUri string
param operatorKeyUri string

param runtimeVersion string
param maximumInstanceCount int
param instanceMemoryMB int

@description('Empty: the app derives the endpoint from modelRegion (and modelWorkspaceId).')
param modelBaseUrl string
param modelRegion string
param modelWorkspaceId string
param defaultModel string
param idleAfterSeconds int
param idleMaxNudges int
param durablePurgeAfterDays int
param tablePrefix string

var appSettings = concat([
  // Functions host storage (blob leases/package, Durable Task queues + tables) with the identity.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  // Service Bus trigger (and the app's topic sender) with the identity.
  { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
  { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
  { name: 'ServiceBusConnection__clientId', value: identityClientId }
  // The app's own tables and Azure SDK clients (DefaultAzureCredential picks the identity by client id).
  { name: 'Storage__TableServiceUri', value: tableEndpoint }
  { name: 'Storage__TablePrefix', value: tablePrefix }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  // Model and product settings; the key only as a Key Vault reference.
  { name: 'Model__Region', value: modelRegion }
  { name: 'Model__DefaultModel', value: defaultModel }
  { name: 'Model__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${dashscopeApiKeyUri})' }
  { name: 'Auth__SessionTokenSecret', value: '@Microsoft.KeyVault(SecretUri=${sessionTokenSecretUri})' }
  { name: 'Auth__OperatorKey', value: '@Microsoft.KeyVault(SecretUri=${operatorKeyUri})' }
  { name: 'Sessions__DefaultIdle__AfterSeconds', value: string(idleAfterSeconds) }
  { name: 'Sessions__DefaultIdle__MaxNudges', value: string(idleMaxNudges) }
  // Age limit of the timer-triggered task-hub purge, as a TimeSpan ("d.hh:mm:ss").
  { name: 'Housekeeping__PurgeAfter', value: '${durablePurgeAfterDays}.00:00:00' }
  // Telemetry with Entra ID auth (local auth is disabled on the component).
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
],
// The app's BaseUrl wins over its Region, so it is set only when asked for: an always-present URL made
// modelRegion and the workspace id dead settings.
empty(modelBaseUrl) ? [] : [{ name: 'Model__BaseUrl', value: modelBaseUrl }],
empty(modelWorkspaceId) ? [] : [{ name: 'Model__WorkspaceId', value: modelWorkspaceId }])

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      // No ftpsState: Flex Consumption has no FTP deployment and rejects the property in some regions.
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
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
        version: runtimeVersion
      }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
