export * from './conventionFacts.js'
export * from './conventionFactsCommands.js'
