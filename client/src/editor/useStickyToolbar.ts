import { useEffect, type RefObject } from 'react'

/**
 * Gives the sticky top of the editor its header's height as `--editor-header-height`. On a
 * phone the CSS sticks the top at minus that height: the header scrolls away with the
 * page and the toolbar stays in view, instead of both covering a third of the screen.
 */
export function useStickyToolbar(top: RefObject<HTMLElement | null>, header: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const topElement = top.current
    const headerElement = header.current
    if (!topElement || !headerElement) return
    const observer = new ResizeObserver(() =>
      topElement.style.setProperty('--editor-header-height', `${headerElement.offsetHeight}px`),
    )
    observer.observe(headerElement)
    return () => observer.disconnect()
  }, [top, header])
}
