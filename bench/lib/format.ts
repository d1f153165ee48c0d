/** How figures are printed: milliseconds with sensible digits, bytes in KiB/MiB, ratios. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–'
  const abs = Math.abs(bytes)
  if (abs >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (abs >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes.toFixed(0)} B`
}

export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–'
}
