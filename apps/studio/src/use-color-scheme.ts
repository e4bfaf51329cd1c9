import { useSyncExternalStore } from 'react'

const query = '(prefers-color-scheme: dark)'

// One query list for the page: the snapshot is read on every store update of every pane that uses the
// scheme, and `matchMedia()` builds a new list each time (about 5 ms over a long run).
let list: MediaQueryList | null | undefined
function darkQuery(): MediaQueryList | null {
  if (list === undefined) list = typeof matchMedia === 'function' ? matchMedia(query) : null
  return list
}

function subscribe(onChange: () => void): () => void {
  const l = darkQuery()
  if (!l) return () => {}
  l.addEventListener('change', onChange)
  return () => l.removeEventListener('change', onChange)
}

/** The system colour scheme, live (the studio follows it, Monaco included). */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    subscribe,
    () => (darkQuery()?.matches ? 'dark' : 'light'),
    () => 'light',
  )
}
