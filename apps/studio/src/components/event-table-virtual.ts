/**
 * Row virtualization for the Events grid, whose rows all have one height: the rows on screen follow
 * from the scroll position by arithmetic. TanStack's virtualizer (used before) builds a measurement
 * object per row whenever the count changes: for a 1,000,000-row store view that was a 190 ms
 * main-thread task plus its garbage, each time the count changed (a sort, a filter, the whole run).
 */
import { type RefObject, useCallback, useLayoutEffect, useState } from 'react'

/** A row to render: its index and its offset from the top of the rows. */
export interface VirtualRow {
  index: number
  top: number
}

/** The rows of the viewport (plus `overscan` either side) and how to scroll one into view. */
export interface FixedRows {
  rows: VirtualRow[]
  /** Height of all rows together. */
  totalHeight: number
  /** Scrolls the least needed to show row `index` whole below the sticky header. */
  scrollToIndex(index: number): void
}

/** The rows in view of `[scrollTop, scrollTop + height)`, the rows starting `header` px down. */
export function rowsInView(
  count: number,
  rowHeight: number,
  header: number,
  scrollTop: number,
  height: number,
  overscan: number,
): VirtualRow[] {
  if (count <= 0) return []
  const first = Math.max(0, Math.floor((scrollTop - header) / rowHeight) - overscan)
  const last = Math.min(count - 1, Math.ceil((scrollTop + height - header) / rowHeight) + overscan)
  const rows: VirtualRow[] = []
  for (let i = first; i <= last; i++) rows.push({ index: i, top: i * rowHeight })
  return rows
}

/** The scrollTop that shows row `index` whole (unchanged when it already is). */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  header: number,
  scrollTop: number,
  height: number,
): number {
  const top = header + index * rowHeight
  if (top < scrollTop + header) return top - header
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height
  return scrollTop
}

/** Fixed-height virtual rows of the scroll element `ref` (the rows start below a `header`-high head). */
export function useFixedRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  header: number,
  overscan: number,
): FixedRows {
  const [view, setView] = useState({ top: 0, height: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const read = () =>
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      )
    read()
    el.addEventListener('scroll', read, { passive: true })
    const resize = new ResizeObserver(read)
    resize.observe(el)
    return () => {
      el.removeEventListener('scroll', read)
      resize.disconnect()
    }
  }, [ref])
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current
      if (!el) return
      const next = scrollTopFor(index, rowHeight, header, el.scrollTop, el.clientHeight)
      if (next !== el.scrollTop) el.scrollTop = next
    },
    [ref, rowHeight, header],
  )
  return {
    rows: rowsInView(count, rowHeight, header, view.top, view.height, overscan),
    totalHeight: count * rowHeight,
    scrollToIndex,
  }
}
