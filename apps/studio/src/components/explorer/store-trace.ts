/**
 * Where the values of an event past the preview came from, computed honestly: the run store's worker
 * runs the story again (same text, seed and faults, so the same deliveries as the store's export) with
 * provenance on, and keeps only what the engine recorded for the delivery at one stream position.
 * Every event before it is generated too, so ref/prev/lookup read the same history as in the run.
 * The engine is imported on first use (a trace is rare; the store worker starts without it).
 */
import type { FaultMark, FieldProvenance, FileMap, StorySource } from '@autosource/engine/worker'

/** What the engine recorded for one delivery. */
export interface StoreTrace {
  /** Definition and occurrence (a duplicate's copy has its original's). */
  def: number
  index: number
  /** The event id, to check it is the row's event. */
  eventId: string
  provenance: FieldProvenance[] | null
  fault?: FaultMark
}

/** The run to trace in and the delivery wanted. */
export interface TraceRequest {
  text: string
  seed?: number
  source: StorySource
  /** Stream position (0-based) of the delivery. */
  seq: number
}

/** Records generated between two yields to the worker's event loop (queries and a newer trace get in). */
const SLICE = 20_000

/** The trace of delivery `seq`, or null when the run ends before it or `stopped()` turns true. */
export async function traceDelivery(req: TraceRequest, stopped: () => boolean): Promise<StoreTrace | null> {
  const engine = await import('@autosource/engine')
  const run = engine.streamStory(req.text, {
    file: req.source.file ?? 'story.yaml',
    seed: req.seed,
    provenance: true,
    resolveInclude: includeResolver(req.source.files),
    fromLink: req.source.fromLink,
  })
  const faulted = engine.withFaults(run, { seed: req.seed })
  let seq = 0
  if (engine.isFaultedRun(faulted)) {
    for (const d of faulted.deliveries()) {
      if (seq === req.seq) {
        const fault: FaultMark | undefined =
          d.faults.length === 0
            ? undefined
            : {
                notes: d.faults,
                copy: d.copy,
                deliveryMs: d.deliveryMs,
                ...(d.corruptKeep !== undefined ? { corruptKeep: d.corruptKeep } : {}),
              }
        return { ...traced(d.record), ...(fault ? { fault } : {}) }
      }
      if (++seq % SLICE === 0 && (await pause(stopped))) return null
    }
    return null
  }
  for (const r of run.records()) {
    if (seq === req.seq) return traced(r)
    if (++seq % SLICE === 0 && (await pause(stopped))) return null
  }
  return null
}

function traced(r: {
  def: number
  index: number
  event: { id: string }
  provenance?: FieldProvenance[]
}): StoreTrace {
  return { def: r.def, index: r.index, eventId: r.event.id, provenance: r.provenance ?? null }
}

/** Lets the worker's event loop run; true when the trace should stop. */
async function pause(stopped: () => boolean): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0))
  return stopped()
}

/**
 * Includes from the draft's open files, resolved as the engine worker resolves them (its host's
 * resolver, packages/engine/src/worker/host.ts): relative to the including file, then by path, then
 * the one open file whose path ends with the name.
 */
function includeResolver(files: FileMap | undefined) {
  if (!files) return undefined
  return (path: string, fromFile: string) => {
    const slash = fromFile.lastIndexOf('/')
    const joined = slash >= 0 ? fromFile.slice(0, slash + 1) + path : path
    if (Object.hasOwn(files, joined)) return { file: joined, text: files[joined] }
    if (Object.hasOwn(files, path)) return { file: path, text: files[path] }
    const matches = Object.keys(files).filter((f) => f.endsWith(`/${path}`))
    return matches.length === 1 ? { file: matches[0], text: files[matches[0]] } : undefined
  }
}
