export * from './alignByBlockId.js'
export * from './BlockIdentity.js'
