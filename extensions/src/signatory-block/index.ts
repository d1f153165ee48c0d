export { SignatoryBlock } from './signatory-block.js'
export * from './helpers/signatoryBlockCommands.js'
