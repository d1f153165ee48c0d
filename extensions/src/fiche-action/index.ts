export { FicheAction } from './fiche-action.js'
export * from './helpers/ficheActionCommands.js'
