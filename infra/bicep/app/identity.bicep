// The app's user-assigned managed identity: every data-plane call (storage, Service Bus, Key Vault,
// Application Insights) authenticates as it; no keys or connection strings with secrets anywhere.
param name string
param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
