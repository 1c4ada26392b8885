// Key Vault in RBAC mode holding the model API key and the app's secrets. The function app reads them
// through Key Vault references (app settings `@Microsoft.KeyVault(SecretUri=...)`) as its identity.
param name string
param location string
param tags object = {}

@secure()
param dashscopeApiKey string
@secure()
param sessionTokenSecret string
@secure()
param operatorKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource dashscopeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dashscope-api-key'
  properties: {
    value: dashscopeApiKey
  }
}

resource sessionTokenSecretResource 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-token-secret'
  properties: {
    value: sessionTokenSecret
  }
}

resource operatorKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'operator-key'
  properties: {
    value: operatorKey
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
// Versionless URIs: a rotated secret is picked up without redeploying.
output dashscopeApiKeyUri string = dashscopeSecret.properties.secretUri
output sessionTokenSecretUri string = sessionTokenSecretResource.properties.secretUri
output operatorKeyUri string = operatorKeySecret.properties.secretUri
