// Standard namespace (topics need Standard) with local (SAS) auth disabled: game servers and the app
// use Entra ID. Queue `game-events` carries game server events into the app; topic `session-messages`
// carries nudges and reactions out. Both de-duplicate by MessageId (eventId / "{sessionId}:{seq}").
param name string
param location string
param tags object = {}
param gameEventsMaxDeliveryCount int = 10
param subscriptionName string = 'game-server'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource gameEvents 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'game-events'
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: gameEventsMaxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P1D'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    requiresSession: false
  }
}

resource sessionMessages 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'session-messages'
  properties: {
    defaultMessageTimeToLive: 'PT1H'
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
  }
}

// A ready-made subscription for the game server; add a SQL/correlation filter on `sessionId` per server if needed.
resource gameServerSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: sessionMessages
  name: subscriptionName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'PT1H'
  }
}

output name string = namespace.name
output id string = namespace.id
output gameEventsQueueName string = gameEvents.name
output sessionMessagesTopicName string = sessionMessages.name
// The host from the endpoint Azure reports ("https://<ns>.servicebus.windows.net:443/"), so sovereign clouds
// with another DNS suffix get the right name; no suffix is hard-coded here.
output fullyQualifiedNamespace string = split(split(split(namespace.properties.serviceBusEndpoint, '//')[1], '/')[0], ':')[0]
