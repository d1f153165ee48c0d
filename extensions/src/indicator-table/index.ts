export { IndicatorTable } from './indicator-table.js'
export * from './helpers/indicatorTableCommands.js'
