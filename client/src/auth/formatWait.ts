/** "45 secondes", "2 minutes", "1 heure" for a wait in seconds (rounded up). */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return s === 1 ? '1 seconde' : `${s} secondes`
  const minutes = Math.ceil(s / 60)
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const hours = Math.ceil(minutes / 60)
  return hours === 1 ? '1 heure' : `${hours} heures`
}
