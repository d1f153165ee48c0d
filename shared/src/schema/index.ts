export * from './nodeSpec.js'
export * from './vocabulary.js'
export * from './labels.js'
export * from './conventionNodes.js'
