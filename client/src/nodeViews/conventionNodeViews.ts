import type { NodeViewRenderer } from '@tiptap/core'
import type { ConventionNodeName } from '@ctg/shared'
import { conventionNodeExtensions, type ConventionNodeExtensions } from '@ctg/extensions'
import { ficheActionView } from './ficheActionView.js'
import { ficheListItemView } from './ficheListItemView.js'
import { ficheListView } from './ficheListView.js'
import { ficheThemeView } from './ficheThemeView.js'
import { fieldNodeView } from './fieldNodeView.js'
import { indicatorRowView } from './indicatorRowView.js'
import { indicatorTableView } from './indicatorTableView.js'
import { indicatorYearView } from './indicatorYearView.js'
import { keyActionsView } from './keyActionsView.js'
import { keyActionView } from './keyActionView.js'
import { withReadOnlyControls } from './readOnlyControls.js'
import { signatoryBlockView } from './signatoryBlockView.js'
import { signatoryView } from './signatoryView.js'
import { simpleEntryView } from './simpleBlockView.js'
import {
  communeView,
  partiesBlockView,
  partyView,
  planningTableView,
  planningYearView,
  territoryBlockView,
} from './conventionFactsViews.js'

/** The view of every node of the three blocks; a node added to the schema breaks the build here. */
const NODE_VIEWS: Record<ConventionNodeName, NodeViewRenderer> = {
  ficheAction: ficheActionView,
  ficheTitle: fieldNodeView('ficheTitle', { className: 'fiche-title' }),
  ficheTheme: ficheThemeView,
  ficheObjective: fieldNodeView('ficheObjective'),
  ficheKeyActions: keyActionsView,
  keyAction: keyActionView,
  keyActionLabel: fieldNodeView('keyActionLabel'),
  keyActionPilot: fieldNodeView('keyActionPilot'),
  ficheExpectedResult: fieldNodeView('ficheExpectedResult'),
  ficheTargetAudience: fieldNodeView('ficheTargetAudience'),
  ficheTerritory: fieldNodeView('ficheTerritory'),
  fichePartners: ficheListView('fichePartners'),
  fichePilot: fieldNodeView('fichePilot'),
  ficheFunding: fieldNodeView('ficheFunding'),
  ficheIndicators: ficheListView('ficheIndicators'),
  ficheListItem: ficheListItemView,

  indicatorTable: indicatorTableView,
  indicatorTableTitle: fieldNodeView('indicatorTableTitle', { className: 'indicator-table__title' }),
  indicatorRow: indicatorRowView,
  indicatorLabel: fieldNodeView('indicatorLabel', { className: 'indicator-cell' }),
  indicatorUnit: fieldNodeView('indicatorUnit', { className: 'indicator-cell' }),
  indicatorSource: fieldNodeView('indicatorSource', { className: 'indicator-cell' }),
  indicatorBaseline: fieldNodeView('indicatorBaseline', { className: 'indicator-cell' }),
  indicatorYear: indicatorYearView,
  indicatorTarget: fieldNodeView('indicatorTarget', { className: 'indicator-value' }),
  indicatorReached: fieldNodeView('indicatorReached', { className: 'indicator-value' }),

  signatoryBlock: signatoryBlockView,
  signatory: signatoryView,
  signatoryOrganisation: fieldNodeView('signatoryOrganisation'),
  signatoryFunction: fieldNodeView('signatoryFunction'),
  signatoryName: fieldNodeView('signatoryName'),
  signatoryMandate: fieldNodeView('signatoryMandate'),
  signatoryPlace: fieldNodeView('signatoryPlace'),
  indicatorCollector: fieldNodeView('indicatorCollector', { className: 'indicator-cell' }),

  partiesBlock: partiesBlockView,
  party: partyView,
  partyName: fieldNodeView('partyName'),
  partyRepresentativeFunction: fieldNodeView('partyRepresentativeFunction'),
  partyRepresentativeName: fieldNodeView('partyRepresentativeName'),
  partyDeliberationBody: fieldNodeView('partyDeliberationBody'),

  territoryBlock: territoryBlockView,
  territoryEpci: fieldNodeView('territoryEpci'),
  commune: communeView,
  communeName: fieldNodeView('communeName'),

  planningTable: planningTableView,
  planningTableTitle: fieldNodeView('planningTableTitle', { className: 'indicator-table__title' }),
  planningRow: simpleEntryView('planning-row'),
  planningLabel: fieldNodeView('planningLabel'),
  planningUnit: fieldNodeView('planningUnit'),
  planningExisting: fieldNodeView('planningExisting'),
  planningYear: planningYearView,
  planningPlanned: fieldNodeView('planningPlanned'),
  planningAchieved: fieldNodeView('planningAchieved'),
}

/** The headless nodes from `@ctg/extensions`, each extended with its view (its controls disabled read-only). */
export function conventionNodeViews(): ConventionNodeExtensions {
  const nodes = conventionNodeExtensions()
  return Object.fromEntries(
    (Object.keys(nodes) as ConventionNodeName[]).map((name) => [
      name,
      nodes[name].extend({ addNodeView: () => withReadOnlyControls(NODE_VIEWS[name]) }),
    ]),
  ) as ConventionNodeExtensions
}
