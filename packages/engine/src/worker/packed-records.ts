/**
 * A batch of generated records in a compact, transferable form: the events as NDJSON text (the
 * engine's serializer, so the preview shows exactly the exported bytes) plus typed arrays of the
 * metadata. Decoding one string and a few typed arrays costs the main thread almost nothing and
 * leaves no garbage per record; events are parsed only when a view needs them.
 */
import type { FaultMark } from './fault-marks.ts'
import { type PackedFaults, packFaults } from './packed-faults.ts'
import type { PlainEvent } from './protocol.ts'

/** One batch, as sent by the worker (typed arrays go in the transfer list). */
export interface PackedRecords {
  count: number
  /** The events, one NDJSON line each, joined with `\n` (no trailing newline). */
  ndjson: string
  /** Start offset of each line in `ndjson`, plus the end: `count + 1` entries. */
  offsets: Uint32Array
  /** Event definition index of each record. */
  def: Uint32Array
  /** Occurrence number within its definition. */
  index: Uint32Array
  /** Epoch milliseconds of each record. */
  timeMs: Float64Array
  /** Under `after`: the parent's definition and occurrence, -1 when none. */
  parentDef: Int32Array
  parentIndex: Int32Array
  /** The marks of the faulty records (`faults:`), absent when the batch has none. */
  faults?: PackedFaults
  /** The actor of each record (type, index within the type, state entered, step), -1 when none. */
  actorType: Int32Array
  actorIndex: Int32Array
  actorState: Int32Array
  actorStep: Int32Array
  /** The attributes of each actor of the batch, once per batch (plain data). */
  actors: PackedActor[]
}

/** One actor's attributes, as a batch carries them. */
export interface PackedActor {
  type: number
  index: number
  attributes: Record<string, unknown>
}

/** What the packer needs of a record. */
export interface PackableRecord {
  def: number
  index: number
  timeMs: number
  parent?: { def: number; index: number }
  fault?: FaultMark
  actor?: { type: number; index: number; state: number; step: number; attributes: Record<string, unknown> }
}

/** Packs records; `serialize` gives each record's NDJSON line. */
export function packRecords<R extends PackableRecord>(
  records: readonly R[],
  serialize: (r: R) => string,
): PackedRecords {
  const count = records.length
  const offsets = new Uint32Array(count + 1)
  const def = new Uint32Array(count)
  const index = new Uint32Array(count)
  const timeMs = new Float64Array(count)
  const parentDef = new Int32Array(count)
  const parentIndex = new Int32Array(count)
  const actorType = new Int32Array(count).fill(-1)
  const actorIndex = new Int32Array(count).fill(-1)
  const actorState = new Int32Array(count).fill(-1)
  const actorStep = new Int32Array(count).fill(-1)
  const actors: PackedActor[] = []
  const seen = new Set<number>()
  const lines: string[] = new Array(count)
  let offset = 0
  for (let i = 0; i < count; i++) {
    const r = records[i]
    const line = serialize(r)
    lines[i] = line
    offsets[i] = offset
    offset += line.length + 1
    def[i] = r.def
    index[i] = r.index
    timeMs[i] = r.timeMs
    parentDef[i] = r.parent ? r.parent.def : -1
    parentIndex[i] = r.parent ? r.parent.index : -1
    const a = r.actor
    if (a) {
      actorType[i] = a.type
      actorIndex[i] = a.index
      actorState[i] = a.state
      actorStep[i] = a.step
      const k = key(a.type, a.index)
      if (!seen.has(k)) {
        seen.add(k)
        actors.push({ type: a.type, index: a.index, attributes: a.attributes })
      }
    }
  }
  offsets[count] = offset
  const packed: PackedRecords = {
    count,
    ndjson: lines.join('\n'),
    offsets,
    def,
    index,
    timeMs,
    parentDef,
    parentIndex,
    actorType,
    actorIndex,
    actorState,
    actorStep,
    actors,
  }
  const faults = packFaults(records)
  if (faults) packed.faults = faults
  return packed
}

/** The buffers of a packed batch, for a postMessage transfer list. */
export function packedTransfer(p: PackedRecords): ArrayBuffer[] {
  const arrays = [
    p.offsets,
    p.def,
    p.index,
    p.timeMs,
    p.parentDef,
    p.parentIndex,
    p.actorType,
    p.actorIndex,
    p.actorState,
    p.actorStep,
  ]
  if (p.faults) arrays.push(p.faults.positions)
  return arrays.map((a) => a.buffer as ArrayBuffer)
}
/** The actor of one window record. */
export interface WindowActor {
  type: number
  index: number
  /** The state entered (index into the type's states) and the entry's step; -1 for a funnel event. */
  state: number
  step: number
}

/** One record of a window, materialized. */
export interface WindowRecord {
  /** Position in the window (stream order). */
  position: number
  event: PlainEvent
  def: number
  index: number
  timeMs: number
  parent?: { def: number; index: number }
  /** What the story's `faults:` did to it, when anything. */
  fault?: FaultMark
}

/**
 * The records of a run kept on the main thread, up to a cap: metadata in typed arrays, events as
 * NDJSON text parsed on demand (with a small cache for the rows on screen). Append-only; `version`
 * changes with every append so views know to redraw.
 */
export class RecordWindow {
  private readonly defs: Uint32Array
  private readonly indexes: Uint32Array
  private readonly times: Float64Array
  private readonly parentDefs: Int32Array
  private readonly parentIndexes: Int32Array
  private readonly actorTypes: Int32Array
  private readonly actorIndexes: Int32Array
  private readonly actorStates: Int32Array
  private readonly actorSteps: Int32Array
  // Per actor (type, index): its attributes and the window positions of its records, in stream order.
  private readonly actorAttributes = new Map<number, Record<string, unknown>>()
  private readonly actorPositions = new Map<number, number[]>()
  private readonly chunks: { start: number; ndjson: string; offsets: Uint32Array }[] = []
  private readonly positions = new Map<number, number>()
  private readonly cache = new Map<number, PlainEvent>()
  private readonly faults = new Map<number, FaultMark>()
  private readonly copies = new Map<number, number>()
  private size = 0
  /** Bumped on every append. */
  version = 0

  constructor(readonly cap: number) {
    this.defs = new Uint32Array(cap)
    this.indexes = new Uint32Array(cap)
    this.times = new Float64Array(cap)
    this.parentDefs = new Int32Array(cap)
    this.parentIndexes = new Int32Array(cap)
    this.actorTypes = new Int32Array(cap)
    this.actorIndexes = new Int32Array(cap)
    this.actorStates = new Int32Array(cap)
    this.actorSteps = new Int32Array(cap)
  }

  /** Number of records held. */
  get length(): number {
    return this.size
  }

  /** Adds a batch (records past the cap are ignored). */
  append(p: PackedRecords): void {
    const n = Math.min(p.count, this.cap - this.size)
    if (n <= 0) return
    const start = this.size
    this.defs.set(p.def.subarray(0, n), start)
    this.indexes.set(p.index.subarray(0, n), start)
    this.times.set(p.timeMs.subarray(0, n), start)
    this.parentDefs.set(p.parentDef.subarray(0, n), start)
    this.parentIndexes.set(p.parentIndex.subarray(0, n), start)
    this.chunks.push({ start, ndjson: p.ndjson, offsets: p.offsets })
    for (let i = 0; i < n; i++) {
      const k = key(p.def[i], p.index[i])
      // A duplicate's copy has its original's definition and occurrence: `find` gives the original.
      if (!this.positions.has(k)) this.positions.set(k, start + i)
    }
    if (p.faults) {
      const { positions, marks } = p.faults
      for (let j = 0; j < positions.length && positions[j] < n; j++) {
        const at = start + positions[j]
        this.faults.set(at, marks[j])
        if (marks[j].copy) this.copies.set(key(this.defs[at], this.indexes[at]), at)
      }
    }
    this.appendActors(p, start, n)
    this.size += n
    this.version++
  }

  /** Definition index of record `i`. */
  def(i: number): number {
    return this.defs[i]
  }

  /** Occurrence number of record `i`. */
  index(i: number): number {
    return this.indexes[i]
  }

  /** Epoch ms of record `i`. */
  timeMs(i: number): number {
    return this.times[i]
  }

  /** The parent (under `after`) of record `i`, if any. */
  parent(i: number): { def: number; index: number } | undefined {
    const d = this.parentDefs[i]
    return d < 0 ? undefined : { def: d, index: this.parentIndexes[i] }
  }

  /** The actor of record `i` (type, index, state entered and step; -1 state and step under a funnel), if any. */
  actor(i: number): WindowActor | undefined {
    const type = this.actorTypes[i]
    if (type < 0 || i >= this.size) return undefined
    return { type, index: this.actorIndexes[i], state: this.actorStates[i], step: this.actorSteps[i] }
  }

  /** The attributes of actor `index` of type `type`, when one of its records is in the window. */
  attributesOf(type: number, index: number): Record<string, unknown> | undefined {
    return this.actorAttributes.get(key(type, index))
  }

  /** Window positions of every record of one actor, in stream (time) order. */
  recordsOfActor(type: number, index: number): readonly number[] {
    return this.actorPositions.get(key(type, index)) ?? []
  }

  private appendActors(p: PackedRecords, start: number, n: number): void {
    // Batches from before actors existed (or a fake engine) have no actor arrays.
    if (!p.actorType) {
      this.actorTypes.fill(-1, start, start + n)
      return
    }
    this.actorTypes.set(p.actorType.subarray(0, n), start)
    this.actorIndexes.set(p.actorIndex.subarray(0, n), start)
    this.actorStates.set(p.actorState.subarray(0, n), start)
    this.actorSteps.set(p.actorStep.subarray(0, n), start)
    for (const a of p.actors) {
      const k = key(a.type, a.index)
      if (!this.actorAttributes.has(k)) this.actorAttributes.set(k, a.attributes)
    }
    for (let i = 0; i < n; i++) {
      if (p.actorType[i] < 0) continue
      const k = key(p.actorType[i], p.actorIndex[i])
      const list = this.actorPositions.get(k)
      if (list) list.push(start + i)
      else this.actorPositions.set(k, [start + i])
    }
  }

  /** The NDJSON line of record `i` (exactly what the engine serializes). */
  line(i: number): string {
    const chunk = this.chunkOf(i)
    const j = i - chunk.start
    return chunk.ndjson.slice(chunk.offsets[j], chunk.offsets[j + 1] - 1)
  }

  /** The event of record `i`, parsed (recently used ones are cached). */
  event(i: number): PlainEvent {
    let e = this.cache.get(i)
    if (!e) {
      e = JSON.parse(this.line(i)) as PlainEvent
      if (this.cache.size >= 512) this.cache.delete(this.cache.keys().next().value as number)
      this.cache.set(i, e)
    }
    return e
  }

  /** Record `i` with its metadata. */
  record(i: number): WindowRecord {
    const parent = this.parent(i)
    const r: WindowRecord = {
      position: i,
      event: this.event(i),
      def: this.defs[i],
      index: this.indexes[i],
      timeMs: this.times[i],
    }
    if (parent) r.parent = parent
    const fault = this.faults.get(i)
    if (fault) r.fault = fault
    return r
  }

  /** What the faults did to record `i`, or undefined for a clean record. */
  fault(i: number): FaultMark | undefined {
    return this.faults.get(i)
  }

  /** The faulty records of the window, by position (in the order they arrived). */
  faulty(): ReadonlyMap<number, FaultMark> {
    return this.faults
  }

  /** Position of the record of definition `def`, occurrence `index`, or -1 when not in the window. */
  find(def: number, index: number): number {
    return this.positions.get(key(def, index)) ?? -1
  }

  /** Position of the duplicate copy (`faults:`) of definition `def`, occurrence `index`, or -1. */
  findCopy(def: number, index: number): number {
    return this.copies.get(key(def, index)) ?? -1
  }

  /** Definition indexes of all records (a view; do not write). */
  defsView(): Uint32Array {
    return this.defs.subarray(0, this.size)
  }

  /** Times of all records (a view; do not write). */
  timesView(): Float64Array {
    return this.times.subarray(0, this.size)
  }

  private chunkOf(i: number): { start: number; ndjson: string; offsets: Uint32Array } {
    if (i < 0 || i >= this.size)
      throw new RangeError(`record ${i} is not in the window (0..${this.size - 1})`)
    let lo = 0
    let hi = this.chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.chunks[mid].start <= i) lo = mid
      else hi = mid - 1
    }
    return this.chunks[lo]
  }
}

// Definitions stay far below 2^21 and occurrences below 2^32, so the key is an exact float.
function key(def: number, index: number): number {
  return def * 4294967296 + index
}
