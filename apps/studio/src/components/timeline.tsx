/**
 * The "Timeline" region: one lane per event definition (source · event) on the story's simulated time,
 * drawn with recharts (the chart surface and its time axis) plus a custom layer that draws each lane as
 * one SVG path, so a lane of thousands of marks is one element. Past a few thousand marks in view, dense lanes show binned
 * counts. Wheel zooms, drag pans, Shift+drag zooms to a range, click selects; hovering an occurrence
 * highlights its `after` funnel. Hover and selection are drawn on an overlay so they never redraw the chart.
 */
import type { RecordWindow } from '@autosource/engine/worker'
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { ComposedChart, XAxis } from 'recharts'
import { formatCount } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { selectRunOutdated, useStudio } from '../store.ts'
import { useColorScheme } from '../use-color-scheme.ts'
import { binAt, binsPath, LaneIndex, marksPath, nearestInLane, sourceColors } from './timeline-lanes.ts'
import {
  fitView,
  panView,
  type TimelineModel,
  timelineModel,
  type View,
  viewIncluding,
  zoomView,
} from './timeline-model.ts'
import { formatBin, formatLocal, type Tick, timeTicks, type ZoneClock, zoneClock } from './timeline-time.ts'

const MARGIN = { top: 4, right: 16, bottom: 0, left: 6 }
const AXIS_HEIGHT = 22
const MIN_BAND = 14
const MAX_BAND = 40
const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif'
const HIT_PX = 6

/** The chart's geometry, shared by the drawing layer, the overlay and the pointer handlers. */
interface Layout {
  width: number
  height: number
  labelWidth: number
  plotX: number
  plotY: number
  plotWidth: number
  plotHeight: number
  band: number
}

/** What the pointer is over. */
type Hover =
  | { kind: 'mark'; row: number; position: number; x: number; y: number }
  | { kind: 'bin'; row: number; bin: number; x: number; y: number }

function useElementSize(): [React.RefObject<HTMLDivElement | null>, { width: number; height: number }] {
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

let measureCanvas: CanvasRenderingContext2D | null | undefined
function textWidth(text: string): number {
  if (measureCanvas === undefined) {
    measureCanvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
    if (measureCanvas) measureCanvas.font = LABEL_FONT
  }
  return measureCanvas ? measureCanvas.measureText(text).width : text.length * 6.2
}

/** Cuts a label to fit `width` pixels. */
function fitText(text: string, width: number): string {
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

/** Per-definition lanes of the run preview. */
export function Timeline() {
  const { window: liveWindow, version: liveVersion } = useRunRecords(useStudio((s) => s.feed))
  // Records streaming in redraw the lanes at low priority (an interruptible render), so a long run never
  // holds up typing, the table or the inspector.
  const window = useDeferredValue(liveWindow)
  const version = useDeferredValue(liveVersion)
  const outline = useStudio((s) => s.run.outline)
  const stale = useStudio((s) => s.run.stale || selectRunOutdated(s))
  const status = useStudio((s) => s.run.status)
  // Errors in the open story keep it from running: say so instead of inviting a Run.
  const blocked = useStudio(
    (s) => s.check.draftId === s.activeId && s.check.diagnostics.some((d) => d.severity === 'error'),
  )
  const activeId = useStudio((s) => s.activeId)
  const runId = useStudio((s) => s.run.runId)
  const selected = useStudio((s) => s.selected)
  const origin = useStudio((s) => s.selectionOrigin)
  const selectRecord = useStudio((s) => s.selectRecord)
  const scheme = useColorScheme()
  const [bodyRef, size] = useElementSize()
  const [view, setView] = useState<View | null>(null)
  const [hover, setHover] = useState<Hover | null>(null)
  const [brush, setBrush] = useState<[number, number] | null>(null)

  // A new story starts fitted; a new run of the same story (live editing) keeps the zoom.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the open story changes.
  useEffect(() => setView(null), [activeId])

  const laneIndex = useMemo(() => (window ? new LaneIndex(window) : null), [window])
  // The window grows in place; `version` says when, and the index scans only what is new.
  const lanesVersion = useMemo(() => {
    laneIndex?.update()
    return version
  }, [laneIndex, version])

  const timezone = outline?.timezone ?? 'UTC'
  const clock = useMemo(() => zoneClock(timezone), [timezone])
  // biome-ignore lint/correctness/useExhaustiveDependencies: lanesVersion is the trigger.
  const defs = useMemo(
    () => (outline ? outline.events.map((_, i) => i) : (laneIndex?.defs() ?? [])),
    [outline, laneIndex, lanesVersion],
  )
  const labels = useMemo(
    () =>
      defs.map((d) =>
        outline?.events[d] ? `${outline.events[d].source} · ${outline.events[d].event}` : `#${d + 1}`,
      ),
    [defs, outline],
  )
  const colors = useMemo(() => {
    const sources = defs.map((d) => outline?.events[d]?.source ?? String(d))
    const bySource = sourceColors(sources, scheme)
    return sources.map((s) => bySource.get(s)!)
  }, [defs, outline, scheme])

  // biome-ignore lint/correctness/useExhaustiveDependencies: lanesVersion is the trigger.
  const fit = useMemo(() => fitView(laneIndex?.extent() ?? null), [laneIndex, lanesVersion])
  const current = view ?? fit

  const layout = useMemo<Layout>(() => {
    const labelWidth = Math.min(
      Math.max(90, Math.ceil(Math.max(0, ...labels.map(textWidth))) + 26),
      Math.max(90, size.width * 0.35),
    )
    const plotX = MARGIN.left + labelWidth
    // The lanes scroll when they do not fit; the time axis below them stays in view.
    const available = size.height - MARGIN.top - MARGIN.bottom - AXIS_HEIGHT
    const band = Math.min(MAX_BAND, Math.max(MIN_BAND, defs.length ? available / defs.length : MAX_BAND))
    const plotHeight = band * defs.length
    return {
      width: size.width,
      height: plotHeight + MARGIN.top + MARGIN.bottom,
      labelWidth,
      plotX,
      plotY: MARGIN.top,
      plotWidth: Math.max(1, size.width - plotX - MARGIN.right),
      plotHeight,
      band,
    }
  }, [labels, size, defs.length])

  // biome-ignore lint/correctness/useExhaustiveDependencies: lanesVersion is the trigger.
  const model = useMemo(
    () => (current ? timelineModel(laneIndex, defs, current, layout.plotWidth, clock) : null),
    [laneIndex, lanesVersion, defs, current, layout.plotWidth, clock],
  )
  const ticks = useMemo(
    () => (current ? timeTicks(current.from, current.to, clock, Math.max(2, layout.plotWidth / 120)) : []),
    [current, clock, layout.plotWidth],
  )

  const rowOfDef = useMemo(() => new Map(defs.map((d, row) => [d, row])), [defs])
  const xOf = useCallback(
    (t: number) =>
      current ? layout.plotX + ((t - current.from) / (current.to - current.from)) * layout.plotWidth : 0,
    [current, layout],
  )
  const timeAt = (px: number) =>
    current ? current.from + ((px - layout.plotX) / layout.plotWidth) * (current.to - current.from) : 0
  const msPerPx = current ? (current.to - current.from) / layout.plotWidth : 1

  // A selection made elsewhere (table, inspector link) is brought into view, with where it came from.
  const selectedPosition = window && selected ? window.find(selected.def, selected.index) : -1
  const originPosition = window && origin ? window.find(origin.def, origin.index) : -1
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the selection only.
  useEffect(() => {
    if (!window || !view || selectedPosition < 0) return
    const times = [window.timeMs(selectedPosition)]
    if (originPosition >= 0) times.push(window.timeMs(originPosition))
    const next = viewIncluding(view, times)
    if (next !== view) setView(next)
  }, [selectedPosition, originPosition])

  // Wheel zoom needs a non-passive listener (React's onWheel cannot prevent the page from scrolling).
  const wheelState = useRef({ current, layout })
  wheelState.current = { current, layout }
  useEffect(() => {
    const el = bodyRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      const { current: v, layout: l } = wheelState.current
      if (!v) return
      const rect = el.getBoundingClientRect()
      const x = e.clientX - rect.left
      if (x < l.plotX) return // over the lane names: let the pane scroll
      e.preventDefault()
      const span = v.to - v.from
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY
        setView(panView(v, (d / l.plotWidth) * span))
        return
      }
      const anchor = v.from + ((x - l.plotX) / l.plotWidth) * span
      const step = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY
      setView(zoomView(v, Math.exp(Math.max(-1, Math.min(1, step * 0.002))), anchor))
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [bodyRef])

  function hitTest(x: number, y: number): Hover | null {
    if (!model || !laneIndex || !window) return null
    if (x < layout.plotX || x > layout.plotX + layout.plotWidth) return null
    const row = Math.floor((y - layout.plotY) / layout.band)
    const lv = model.rows[row]
    const lane = lv ? laneIndex.lanes[lv.def] : undefined
    if (!lv || !lane) return null
    const t = timeAt(x)
    if (lv.bins) {
      const bin = binAt(lv.bins, t)
      return bin < 0 ? null : { kind: 'bin', row, bin, x, y }
    }
    const j = nearestInLane(lane, t, HIT_PX * msPerPx)
    return j < 0 ? null : { kind: 'mark', row, position: lane.positions[j], x, y }
  }

  const drag = useRef<{ x: number; y: number; view: View; shift: boolean; moved: boolean } | null>(null)
  const frame = useRef(0)
  const lanesRef = useRef<HTMLDivElement>(null)
  const local = (e: React.PointerEvent) => {
    const el = lanesRef.current ?? e.currentTarget
    const rect = el.getBoundingClientRect()
    return { x: e.clientX - rect.left, y: e.clientY - rect.top + el.scrollTop }
  }
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !current) return
    const { x, y } = local(e)
    if (x < layout.plotX) return
    e.currentTarget.setPointerCapture(e.pointerId)
    drag.current = { x, y, view: current, shift: e.shiftKey, moved: false }
  }
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const { x, y } = local(e)
    const d = drag.current
    if (d) {
      if (Math.abs(x - d.x) > 3) d.moved = true
      if (!d.moved) return
      cancelAnimationFrame(frame.current)
      frame.current = requestAnimationFrame(() => {
        if (d.shift) setBrush([d.x, x])
        else setView(panView(d.view, -((x - d.x) / layout.plotWidth) * (d.view.to - d.view.from)))
      })
      setHover(null)
      return
    }
    const h = hitTest(x, y)
    setHover((prev) => (sameHover(prev, h) ? prev : h))
  }
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current
    drag.current = null
    setBrush(null)
    if (!d) return
    const { x, y } = local(e)
    if (d.moved && d.shift) {
      const a = timeAt(Math.min(d.x, x))
      const b = timeAt(Math.max(d.x, x))
      if (b - a > 0) setView(zoomView({ from: a, to: b }, 1, a))
      return
    }
    if (d.moved) return
    const h = hitTest(x, y)
    if (!h || !laneIndex) return
    if (h.kind === 'mark') {
      selectRecord({ def: window!.def(h.position), index: window!.index(h.position) })
    } else {
      const lv = model!.rows[h.row]
      const lane = laneIndex.lanes[lv.def]
      const p = lane.positions[lv.bins!.firsts[h.bin]]
      selectRecord({ def: window!.def(p), index: window!.index(p) })
    }
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!current) return
    const span = current.to - current.from
    const mid = (current.from + current.to) / 2
    if (e.key === 'ArrowLeft') setView(panView(current, -span * 0.1))
    else if (e.key === 'ArrowRight') setView(panView(current, span * 0.1))
    else if (e.key === '+' || e.key === '=') setView(zoomView(current, 0.5, mid))
    else if (e.key === '-' || e.key === '_') setView(zoomView(current, 2, mid))
    else if (e.key === '0' || e.key === 'Home') setView(null)
    else return
    e.preventDefault()
  }

  const empty = !window || window.length === 0
  const mid = current ? (current.from + current.to) / 2 : 0
  return (
    <section className={stale ? 'pane timeline stale' : 'pane timeline'} aria-label="Timeline">
      <div className="pane-header">
        <h2>Timeline</h2>
        <TimelineStatus model={model} held={window?.length ?? 0} timezone={timezone} />
        <div className="timeline-actions">
          <button
            type="button"
            className="icon-text"
            aria-label="Zoom in"
            title="Zoom in (+, or scroll over the lanes)"
            disabled={!current}
            onClick={() => current && setView(zoomView(current, 0.5, mid))}
          >
            +
          </button>
          <button
            type="button"
            className="icon-text"
            aria-label="Zoom out"
            title="Zoom out (−)"
            disabled={!current}
            onClick={() => current && setView(zoomView(current, 2, mid))}
          >
            −
          </button>
          <button
            type="button"
            onClick={() => setView(null)}
            disabled={!current || view === null}
            title="Show the whole run (0)"
          >
            Fit all
          </button>
        </div>
      </div>
      <div
        className="timeline-body"
        ref={bodyRef}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => !drag.current && setHover(null)}
      >
        {empty ? (
          <p className="empty-note">
            {status === 'running'
              ? 'Generating…'
              : status === 'done'
                ? 'The run produced no events.'
                : blocked
                  ? 'The story has errors: fix them (see Problems) to run it.'
                  : 'Run the story to see when each event happens.'}
          </p>
        ) : model && size.width > 0 ? (
          <>
            <div className="timeline-lanes" ref={lanesRef}>
              <figure
                className="timeline-figure"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes +, -, arrows and 0 from the keyboard.
                tabIndex={0}
                aria-label={`Timeline of ${formatCount(window.length)} events in ${defs.length} lanes. Scroll or press + and − to zoom, drag or arrow keys to pan, Shift+drag to zoom to a range, 0 to fit all; click a mark to select its event.`}
                onKeyDown={onKeyDown}
                style={{ width: layout.width, height: layout.height }}
                // Which run the lanes show (tests and the performance script wait on it).
                data-run={
                  stale
                    ? 'stale'
                    : window !== liveWindow || version !== liveVersion
                      ? 'pending'
                      : (runId ?? '')
                }
              >
                <LaneChart
                  model={model}
                  ticks={ticks}
                  labels={labels}
                  colors={colors}
                  layout={layout}
                  laneIndex={laneIndex!}
                />
                <Overlay
                  layout={layout}
                  xOf={xOf}
                  rowOfDef={rowOfDef}
                  window={window}
                  laneIndex={laneIndex!}
                  hover={hover}
                  selectedPosition={selectedPosition}
                  originPosition={originPosition}
                  brush={brush}
                />
                {hover && (
                  <TimelineTooltip
                    hover={hover}
                    model={model}
                    labels={labels}
                    layout={layout}
                    clock={clock}
                    window={window}
                    laneIndex={laneIndex!}
                  />
                )}
              </figure>
            </div>
            <TimeAxis model={model} ticks={ticks} layout={layout} />
          </>
        ) : null}
      </div>
    </section>
  )
}

function sameHover(a: Hover | null, b: Hover | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind !== b.kind || a.row !== b.row) return false
  return a.kind === 'mark' ? a.position === (b as typeof a).position : a.bin === (b as typeof a).bin
}

/** What the header says about the view: records, how they are drawn, the zone. */
function TimelineStatus(props: { model: TimelineModel | null; held: number; timezone: string }) {
  const total = useStudio((s) => s.run.total)
  const { model, held } = props
  const parts: string[] = []
  if (model) parts.push(`${formatCount(model.inView)} in view`)
  if (model?.unit) parts.push(`dense lanes binned per ${model.unit}`)
  if (held > 0 && total > held) parts.push(`the first ${formatCount(held)} of ${formatCount(total)}`)
  parts.push(props.timezone)
  return <span className="muted timeline-status">{parts.join(' · ')}</span>
}

/** The recharts part: axes, grid, lane bands and one path per lane (memoized: hover never redraws it). */
const LaneChart = memo(function LaneChart(props: {
  model: TimelineModel
  ticks: Tick[]
  labels: string[]
  colors: string[]
  layout: Layout
  laneIndex: LaneIndex
}) {
  const { layout } = props
  // The lanes are a custom layer on a recharts surface; the time axis below is recharts' XAxis. Lane names
  // and grid lines are drawn here too: a recharts YAxis recomputed "nice" ticks on every update of a run.
  return (
    <ComposedChart
      width={layout.width}
      height={layout.height}
      margin={MARGIN}
      className="timeline-chart"
      accessibilityLayer={false}
    >
      <LanesLayer {...props} />
    </ComposedChart>
  )
})

/** The time axis under the lanes: its own small chart, so it stays in view while the lanes scroll. */
const TimeAxis = memo(function TimeAxis(props: { model: TimelineModel; ticks: Tick[]; layout: Layout }) {
  const { model, ticks, layout } = props
  const labels = new Map(ticks.map((t) => [t.ms, t.label]))
  return (
    <ComposedChart
      width={layout.width}
      height={AXIS_HEIGHT}
      margin={{ top: 0, right: MARGIN.right, bottom: 0, left: layout.plotX }}
      className="timeline-axis"
      accessibilityLayer={false}
    >
      <XAxis
        type="number"
        dataKey="t"
        domain={[model.view.from, model.view.to]}
        allowDataOverflow
        ticks={ticks.map((t) => t.ms)}
        interval={0}
        tickFormatter={(v: number) => labels.get(v) ?? ''}
        height={AXIS_HEIGHT}
        tickSize={4}
      />
    </ComposedChart>
  )
})

function LaneLabel(props: { x: number; y: number; label: string; color: string; width: number }) {
  const text = fitText(props.label, props.width - 22)
  return (
    <g className="lane-label">
      <title>{props.label}</title>
      <circle cx={props.x - props.width + 10} cy={props.y} r={4} fill={props.color} />
      <text x={props.x - props.width + 19} y={props.y} dy="0.35em" textAnchor="start">
        {text}
      </text>
    </g>
  )
}

/** Lane bands and marks (or bins): one <path> per lane whatever the number of records. */
function LanesLayer(props: {
  model: TimelineModel
  ticks: Tick[]
  labels: string[]
  colors: string[]
  layout: Layout
  laneIndex: LaneIndex
}) {
  const { model, colors, layout, laneIndex, ticks, labels } = props
  const { from, to } = model.view
  const x = (t: number) => layout.plotX + ((t - from) / (to - from)) * layout.plotWidth
  return (
    <g className="lanes-layer">
      <defs>
        <clipPath id="timeline-plot">
          <rect x={layout.plotX} y={layout.plotY} width={layout.plotWidth} height={layout.plotHeight} />
        </clipPath>
      </defs>
      {model.rows.map((row, i) => {
        const top = layout.plotY + i * layout.band
        return (
          <rect
            key={`band-${row.def}`}
            className={i % 2 ? 'lane-band odd' : 'lane-band'}
            x={layout.plotX}
            y={top}
            width={layout.plotWidth}
            height={layout.band}
          />
        )
      })}
      <path
        className="lane-grid"
        d={ticks
          .map((t) => `M${x(t.ms).toFixed(1)} ${layout.plotY}V${layout.plotY + layout.plotHeight}`)
          .join('')}
      />
      {model.rows.map((row, i) => (
        <LaneLabel
          key={`label-${row.def}`}
          x={MARGIN.left + layout.labelWidth}
          y={layout.plotY + (i + 0.5) * layout.band}
          label={labels[i]}
          color={colors[i]}
          width={layout.labelWidth}
        />
      ))}
      <g clipPath="url(#timeline-plot)">
        {model.rows.map((row, i) => {
          const lane = laneIndex.lanes[row.def]
          if (!lane || row.hi <= row.lo) return null
          const top = layout.plotY + i * layout.band
          if (row.bins) {
            return (
              <path
                key={row.def}
                d={binsPath(row.bins, x, top + layout.band - 2, layout.band - 5)}
                fill={colors[i]}
                fillOpacity={0.85}
              />
            )
          }
          const inset = layout.band * 0.22
          return (
            <path
              key={row.def}
              d={marksPath(lane, row.lo, row.hi, x, top + inset, top + layout.band - inset)}
              stroke={colors[i]}
              strokeWidth={2}
              fill="none"
            />
          )
        })}
      </g>
    </g>
  )
}

/** Selection, the record it was reached from, the hovered occurrence and its funnel, the brush. */
function Overlay(props: {
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

/** The tooltip: one occurrence (time, funnel size) or one bin (exact count). */
function TimelineTooltip(props: {
  hover: Hover
  model: TimelineModel
  labels: string[]
  layout: Layout
  clock: ZoneClock
  window: RecordWindow
  laneIndex: LaneIndex
}) {
  const { hover, model, labels, layout, clock, window, laneIndex } = props
  const row = model.rows[hover.row]
  let title = labels[hover.row]
  const lines: string[] = []
  if (hover.kind === 'mark') {
    const p = hover.position
    title = `${labels[hover.row]} #${window.index(p) + 1}`
    lines.push(`${formatLocal(clock.toLocal(window.timeMs(p)))} (${clock.timezone})`)
    const children = laneIndex.childrenOf(window.def(p), window.index(p)).length
    if (children > 0) lines.push(`${children} direct follow-up${children === 1 ? '' : 's'} (highlighted)`)
    if (window.parent(p)) lines.push('follows an earlier event (highlighted)')
    lines.push('Click to select')
  } else if (row.bins) {
    const b = hover.bin
    lines.push(`${formatCount(row.bins.counts[b])} event${row.bins.counts[b] === 1 ? '' : 's'}`)
    lines.push(`${formatBin(row.bins.localStarts[b], row.bins.unit)} (${clock.timezone})`)
    lines.push('Click to select the first · scroll to zoom in')
  }
  const left = hover.x + 14 + 240 > layout.width ? Math.max(4, hover.x - 250) : hover.x + 14
  return (
    <div className="timeline-tooltip" role="tooltip" style={{ left, top: Math.max(2, hover.y - 10) }}>
      <strong>{title}</strong>
      {lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </div>
  )
}
