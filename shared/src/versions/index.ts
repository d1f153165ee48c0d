export * from './versionModel.js'
export * from './conventionChange.js'
export * from './diffConventions.js'
export * from './summarizeChanges.js'
