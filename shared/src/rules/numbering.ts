/**
 * Numbers are derived from document order, never stored: fiches are numbered 1, 2 … among
 * the fiches; key actions from their fiche (the 2nd action of fiche 3 is "3.2"). The
 * import checks that an export's numbers are these.
 */

export function ficheNumber(indexAmongFiches: number): number {
  return indexAmongFiches + 1
}

export function keyActionNumber(ficheNumber: number, index: number): string {
  return `${ficheNumber}.${index + 1}`
}
