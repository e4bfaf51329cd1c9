/** The timeline's overlay: selection, where it was reached from, the hovered occurrence and its funnel, the brush. */
import type { RecordWindow } from '@autosource/engine/worker'
import type { Layout } from './timeline-geometry.ts'
import type { Hover } from './timeline-hover.ts'
import type { LaneIndex } from './timeline-lanes.ts'

/** Selection, the record it was reached from, the hovered occurrence and its funnel, the brush. */
export function Overlay(props: {
  layout: Layout
  xOf: (t: number) => number
  rowOfDef: Map<number, number>
  window: RecordWindow
  laneIndex: LaneIndex
  hover: Hover | null
  selectedPosition: number
  originPosition: number
  brush: [number, number] | null
}) {
  const { layout, xOf, rowOfDef, window, laneIndex, hover } = props
  const point = (p: number): { x: number; y: number } | null => {
    const row = rowOfDef.get(window.def(p))
    if (row === undefined) return null
    return { x: xOf(window.timeMs(p)), y: layout.plotY + (row + 0.5) * layout.band }
  }
  const funnel: { from: { x: number; y: number }; to: { x: number; y: number } }[] = []
  const funnelPoints: { x: number; y: number }[] = []
  let hovered: { x: number; y: number } | null = null
  if (hover?.kind === 'mark') {
    hovered = point(hover.position)
    // The ancestors (parent chain) and every descendant of the hovered occurrence.
    const chain: number[] = []
    for (let p = hover.position, guard = 0; guard < 50; guard++) {
      const parent = window.parent(p)
      const at = parent ? window.find(parent.def, parent.index) : -1
      if (at < 0) break
      chain.push(at)
      const a = point(at)
      const b = point(p)
      if (a && b) funnel.push({ from: a, to: b })
      p = at
    }
    for (const child of laneIndex.descendants(hover.position, 300)) {
      const parent = window.parent(child)
      const at = parent ? window.find(parent.def, parent.index) : -1
      const a = at >= 0 ? point(at) : null
      const b = point(child)
      if (a && b) funnel.push({ from: a, to: b })
      if (b) funnelPoints.push(b)
    }
    for (const p of chain) {
      const a = point(p)
      if (a) funnelPoints.push(a)
    }
  }
  const selected = props.selectedPosition >= 0 ? point(props.selectedPosition) : null
  const origin = props.originPosition >= 0 ? point(props.originPosition) : null
  const inPlot = (p: { x: number } | null) =>
    p !== null && p.x >= layout.plotX - 6 && p.x <= layout.plotX + layout.plotWidth + 6
  return (
    <svg className="timeline-overlay" width={layout.width} height={layout.height} aria-hidden="true">
      {props.brush && (
        <rect
          className="timeline-brush"
          x={Math.min(...props.brush)}
          y={layout.plotY}
          width={Math.abs(props.brush[1] - props.brush[0])}
          height={layout.plotHeight}
        />
      )}
      <g clipPath="url(#timeline-plot)">
        {funnel.length > 0 && (
          <path
            className="funnel-link"
            d={funnel
              .map((f) => `M${f.from.x.toFixed(1)} ${f.from.y}L${f.to.x.toFixed(1)} ${f.to.y}`)
              .join('')}
          />
        )}
        {funnelPoints.length > 0 && (
          <path
            className="funnel-point"
            d={funnelPoints
              .map((p) => `M${(p.x - 4).toFixed(1)} ${p.y}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0`)
              .join('')}
          />
        )}
        {selected && origin && (
          <line className="origin-link" x1={origin.x} y1={origin.y} x2={selected.x} y2={selected.y} />
        )}
      </g>
      {inPlot(origin) && <circle className="origin-ring" cx={origin!.x} cy={origin!.y} r={6} />}
      {inPlot(selected) && (
        <>
          <line
            className="selected-line"
            x1={selected!.x}
            x2={selected!.x}
            y1={layout.plotY}
            y2={layout.plotY + layout.plotHeight}
          />
          <circle className="selected-ring" cx={selected!.x} cy={selected!.y} r={6} />
        </>
      )}
      {inPlot(hovered) && <circle className="hover-ring" cx={hovered!.x} cy={hovered!.y} r={5} />}
    </svg>
  )
}
