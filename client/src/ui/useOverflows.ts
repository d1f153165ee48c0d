import { useEffect, useState, type RefObject } from 'react'

/**
 * True while the element's content is taller or wider than the element, so that it scrolls.
 * A region that scrolls must take the keyboard focus, or keyboard users cannot scroll it.
 */
export function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () =>
      setOverflows(element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    // content added later (a page of the activity log) changes the scroll size, not the element's
    const mutations = new MutationObserver(measure)
    mutations.observe(element, { childList: true, subtree: true })
    measure()
    return () => {
      observer.disconnect()
      mutations.disconnect()
    }
  }, [ref])
  return overflows
}
