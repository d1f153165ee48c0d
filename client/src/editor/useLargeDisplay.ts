import { useEffect, useState } from 'react'

const KEY = 'ctg.largeDisplay'

/** A larger display for projectors and plénières, remembered on this computer. */
export function useLargeDisplay(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === '1')
  useEffect(() => {
    document.documentElement.classList.toggle('is-large-display', on)
    localStorage.setItem(KEY, on ? '1' : '0')
    return () => document.documentElement.classList.remove('is-large-display')
  }, [on])
  return [on, setOn]
}
