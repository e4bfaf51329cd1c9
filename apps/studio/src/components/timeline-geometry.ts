/** The timeline's geometry: margins and bands, the chart layout shared by every layer, label measuring, the pane size. */
import { useEffect, useRef, useState } from 'react'

export const MARGIN = { top: 4, right: 16, bottom: 0, left: 6 }
export const AXIS_HEIGHT = 22
export const MIN_BAND = 14
export const MAX_BAND = 40
export const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif'
export const HIT_PX = 6

/** The chart's geometry, shared by the drawing layer, the overlay and the pointer handlers. */
export interface Layout {
  width: number
  height: number
  labelWidth: number
  plotX: number
  plotY: number
  plotWidth: number
  plotHeight: number
  band: number
}

/** The size of an element, following resizes (rounded to whole pixels). */
export function useElementSize(): [
  React.RefObject<HTMLDivElement | null>,
  { width: number; height: number },
] {
  const ref = useRef<HTMLDivElement | null>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect
      setSize((s) =>
        Math.round(s.width) === Math.round(width) && Math.round(s.height) === Math.round(height)
          ? s
          : { width: Math.round(width), height: Math.round(height) },
      )
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, size]
}

/** Width of a label in the lane font (canvas measure; an estimate without a DOM). */
let measureCanvas: CanvasRenderingContext2D | null | undefined
export function textWidth(text: string): number {
  if (measureCanvas === undefined) {
    measureCanvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
    if (measureCanvas) measureCanvas.font = LABEL_FONT
  }
  return measureCanvas ? measureCanvas.measureText(text).width : text.length * 6.2
}

/** Cuts a label to fit `width` pixels. */
export function fitText(text: string, width: number): string {
  if (textWidth(text) <= width) return text
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (textWidth(`${text.slice(0, mid)}…`) <= width) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo)}…`
}
