export * from './conventionFacts.js'
export * from './conventionFactsCommands.js'
export * from './factBlocks.js'
