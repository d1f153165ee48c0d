import type {
  FicheActionBlock,
  IndicatorRow,
  IndicatorTableBlock,
  KeyAction,
  Period,
  Signatory,
  SignatoryBlockBlock,
} from '../export/conventionModel.js'
import { yearsOf } from '../export/conventionModel.js'
import { createId } from '../ids.js'
import { ID_PREFIX } from '../rules/idRules.js'
import { YEAR_MIN } from '../rules/yearRules.js'
import type { SignatoryKind } from '../schema/vocabulary.js'
import { parseCellValue } from '../values/cellValue.js'

/** New, empty blocks and entries, in the structured model; importers turn them into nodes. */

export function emptyKeyAction(): KeyAction {
  return { id: createId(ID_PREFIX.keyAction), number: '', label: '', pilot: '', deadline: null, status: 'a_engager' }
}

export function emptyFicheAction(period: Period | null): FicheActionBlock {
  return {
    type: 'ficheAction',
    id: createId(ID_PREFIX.ficheAction),
    number: 1,
    title: '',
    theme: { codes: [], label: '' },
    communeIds: [],
    objective: '',
    keyActions: [emptyKeyAction()],
    expectedResult: '',
    targetAudience: '',
    territory: '',
    partners: [''],
    pilot: '',
    funding: '',
    schedule: { startYear: period?.start ?? null, endYear: period?.end ?? null },
    indicators: { items: [{ text: '', rowId: null }], tableId: null },
    status: 'a_engager',
  }
}

export function emptyIndicatorRow(period: Period): IndicatorRow {
  const blank = parseCellValue('')
  return {
    id: createId(ID_PREFIX.indicatorRow),
    label: '',
    kind: 'realisation',
    unit: '',
    source: '',
    frequency: null,
    collector: '',
    baseline: { year: Math.max(YEAR_MIN, period.start - 1), cell: blank },
    years: yearsOf(period).map((year) => ({ year, target: blank, reached: blank })),
  }
}

export function emptyIndicatorTable(period: Period): IndicatorTableBlock {
  return {
    type: 'indicatorTable',
    id: createId(ID_PREFIX.indicatorTable),
    title: '',
    period: { ...period },
    ownerId: null,
    rows: [emptyIndicatorRow(period)],
  }
}

export function emptySignatory(kind: SignatoryKind = 'autre'): Signatory {
  return {
    id: createId(ID_PREFIX.signatory),
    organisation: '',
    kind,
    function: '',
    civility: null,
    name: '',
    mandate: { deliberation: '', date: null },
    place: '',
    signatureDate: null,
    signed: false,
    partyId: null,
  }
}

export function emptySignatoryBlock(): SignatoryBlockBlock {
  return {
    type: 'signatoryBlock',
    id: createId(ID_PREFIX.signatoryBlock),
    signatories: [emptySignatory('caf'), emptySignatory('epci')],
  }
}
