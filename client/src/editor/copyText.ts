/** Copies text, also on plain-http pages where the Clipboard API is unavailable. */
export async function copyText(text: string, fallbackInput?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the selection-based copy
  }
  if (!fallbackInput) return false
  fallbackInput.focus()
  fallbackInput.select()
  return document.execCommand('copy')
}
