/**
 * The service worker keeps the interface on this device so that a reload without
 * network still opens the editor (see public/service-worker.js). Browsers offer it on
 * https and on localhost only; elsewhere the local copies still keep every edit, and
 * they are sent the next time the page opens.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/service-worker.js').catch(() => undefined)
  })
}
