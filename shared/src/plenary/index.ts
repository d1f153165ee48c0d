export * from './plenaryCode.js'
export * from './plenaryBodies.js'
export * from './plenaryJson.js'
export * from './plenaryMessage.js'
