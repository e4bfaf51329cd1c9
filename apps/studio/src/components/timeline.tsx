/**
 * The "Timeline" region: one lane per event definition (named by its id, with its count) on the story's simulated time,
 * drawn with recharts (the chart surface and its time axis) plus a custom layer that draws each lane as
 * one SVG path, so a lane of thousands of marks is one element. Past a few thousand marks in view, dense lanes show binned
 * counts. Wheel zooms, drag pans, Shift+drag zooms to a range, click selects; hovering an occurrence
 * highlights its `after` funnel. Hover and selection are drawn on an overlay so they never redraw the chart.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { formatCount } from '../format.ts'
import { useRunRecords } from '../state/run-feed.ts'
import { selectRunOutdated, useStudio } from '../store.ts'
import { useColorScheme } from '../use-color-scheme.ts'
import { positionOf, selectionAt } from './inspector-fault-selection.ts'
import { LaneChart, TimeAxis } from './timeline-chart.tsx'
import { FaultLegend, FaultMarks } from './timeline-fault-marks.tsx'
import {
  AXIS_HEIGHT,
  HIT_PX,
  type Layout,
  MARGIN,
  MAX_BAND,
  MIN_BAND,
  textWidth,
  useElementSize,
} from './timeline-geometry.ts'
import { type Hover, sameHover } from './timeline-hover.ts'
import { expectedBetween, expectedLine } from './timeline-intensity.ts'
import { type IntensityContext, IntensityLegend } from './timeline-intensity-layer.tsx'
import { laneLabels } from './timeline-labels.ts'
import { binAt, LaneIndex, nearestInLane, sourceColors } from './timeline-lanes.ts'
import { fitView, panView, timelineModel, type View, viewIncluding, zoomView } from './timeline-model.ts'
import { Overlay } from './timeline-overlay.tsx'
import { timeTicks, zoneClock } from './timeline-time.ts'
import { TimelineStatus, TimelineTooltip } from './timeline-tooltip.tsx'

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
  const curves = useStudio((s) => s.run.curves)
  const total = useStudio((s) => s.run.total)
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: lanesVersion is the trigger (counts grow).
  const lanes = useMemo(
    () => laneLabels(outline?.events ?? null, defs, (d) => laneIndex?.lanes[d]?.count ?? 0),
    [defs, outline, laneIndex, lanesVersion],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: lanesVersion is the trigger (the preview grows).
  const intensity = useMemo<IntensityContext | undefined>(() => {
    if (!curves?.length) return undefined
    // A preview that holds only the first events of the run: no curve past its last one.
    const held = window?.length ?? 0
    const cut = held > 0 && (status !== 'done' || total > held)
    return {
      curves: new Map(curves.map((c) => [c.def, c])),
      clock,
      until: cut ? window!.timeMs(held - 1) : undefined,
    }
  }, [curves, clock, window, lanesVersion, status, total])
  const labels = useMemo(() => lanes.map((l) => l.label), [lanes])
  const names = useMemo(() => lanes.map((l) => l.name), [lanes])
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
  const selectedPosition = window && selected ? positionOf(window, selected) : -1
  const originPosition = window && origin ? positionOf(window, origin) : -1
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
      selectRecord(selectionAt(window!, h.position))
    } else {
      const lv = model!.rows[h.row]
      const lane = laneIndex.lanes[lv.def]
      const p = lane.positions[lv.bins!.firsts[h.bin]]
      selectRecord(selectionAt(window!, p))
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

  /** The hovered bar's expected count against its drawn one, on a lane with a curve. */
  function expectedOfHover(): string | undefined {
    if (hover?.kind !== 'bin' || !model || !intensity) return undefined
    const row = model.rows[hover.row]
    const curve = intensity.curves.get(row.def)
    if (!curve || !row.bins) return undefined
    const b = hover.bin
    const end = Math.min(row.bins.ends[b], intensity.until ?? Number.POSITIVE_INFINITY)
    return expectedLine(expectedBetween(curve, row.bins.starts[b], end), row.bins.counts[b])
  }

  const empty = !window || window.length === 0
  const mid = current ? (current.from + current.to) / 2 : 0
  return (
    <section className={stale ? 'pane timeline stale' : 'pane timeline'} aria-label="Timeline">
      <div className="pane-header">
        <h2>Timeline</h2>
        <TimelineStatus model={model} held={window?.length ?? 0} timezone={timezone} />
        <FaultLegend window={window} version={version} />
        <IntensityLegend labels={intensity ? [...intensity.curves.values()].map((c) => c.label) : []} />
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
                  lanes={lanes}
                  colors={colors}
                  layout={layout}
                  laneIndex={laneIndex!}
                  intensity={intensity}
                />
                <FaultMarks
                  layout={layout}
                  view={current!}
                  rowOfDef={rowOfDef}
                  window={window}
                  version={version}
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
                    labels={names}
                    layout={layout}
                    clock={clock}
                    window={window}
                    laneIndex={laneIndex!}
                    extra={expectedOfHover()}
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
