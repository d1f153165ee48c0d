export * from './ConventionKit.js'
export * from './conventionLabels.js'
export * from './conventionNodeExtensions.js'
export * from './blockNodeNames.js'
