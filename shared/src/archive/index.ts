export * from './bagLayout.js'
export * from './verifyBag.js'
