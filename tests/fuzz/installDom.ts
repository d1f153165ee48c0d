import { Window } from 'happy-dom'

/**
 * Gives this Node process the browser globals an EditorView needs (a happy-dom window),
 * without vitest's happy-dom environment: that one bundles the test for a browser, and the
 * fuzz runs the real server in the same process.
 */
export function installDom(): void {
  if ('document' in globalThis) return
  const window = new Window({ url: 'http://127.0.0.1/' })
  const globals = window as unknown as Record<string, unknown>
  const names = [
    'window',
    'document',
    'navigator',
    'Node',
    'Element',
    'HTMLElement',
    'Text',
    'DocumentFragment',
    'MutationObserver',
    'DOMParser',
    'Range',
    'Selection',
    'getSelection',
    'getComputedStyle',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'KeyboardEvent',
    'MouseEvent',
    'InputEvent',
    'ClipboardEvent',
    'DragEvent',
    'FocusEvent',
    'CompositionEvent',
  ]
  for (const name of names) {
    const value = name === 'window' ? window : globals[name]
    Object.defineProperty(globalThis, name, {
      value:
        typeof value === 'function' && /^[a-z]/.test(name)
          ? (value as (...args: unknown[]) => unknown).bind(window)
          : value,
      configurable: true,
      writable: true,
    })
  }
}
