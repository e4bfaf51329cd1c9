import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { ChunkWriter } from './chunk-writer.ts'
import type { DriveTarget } from './delivery/drive.ts'
import {
  csvColumns,
  csvColumnsByEvent,
  csvHeader,
  type GeneratedRecord,
  type OutputFormat,
  type Story,
  type StoryEvent,
  serializeCsvRow,
  serializeNdjson,
} from './engine.ts'
import { type OutputFile, openOutputFile, outputPath, type Target } from './output-target.ts'

/** Size of the text chunks handed to the output stream. */
const CHUNK_CHARS = 1 << 16

/** One output stream with its pending text. */
interface Lane {
  file?: OutputFile
  writer: ChunkWriter
  buf: string
}

/**
 * The text outputs of `generate` (stdout, a file, or one CSV file per event type) as a drive
 * target: events are serialized by the engine's serializers (the same bytes as the studio
 * export), buffered into ~64 KiB chunks, and flushed early whenever the drive idles (pacing
 * waits, regular yields), so a paced stream shows up as it goes.
 */
export class TextOutput implements DriveTarget {
  readonly lanes: Lane[] = []
  private readonly laneOf: (event: string) => Lane
  private readonly line: (record: GeneratedRecord, lane: Lane) => string
  private readonly tail: string
  private first = true
  /** Events accepted so far. */
  count = 0

  constructor(
    story: Story,
    format: OutputFormat,
    target: Target,
    stdout: ChunkWriter['stream'],
    /** Called at every idle with the events so far (the progress line). */
    private readonly onIdle: (count: number) => void = () => {},
    /** The stop signal: writers stop waiting for a stalled reader once it aborts. */
    private readonly stop?: AbortSignal,
    /** Faults (issue 18): a delivered record's text, cut short when the run made it corrupt. */
    damage: (event: StoryEvent, text: string, csv: boolean) => string = (_e, text) => text,
  ) {
    if (target.kind === 'dir') {
      mkdirSync(target.path, { recursive: true })
      const byType = new Map<string, { lane: Lane; columns: string[] }>()
      const used = new Set<string>()
      for (const [type, columns] of csvColumnsByEvent(story)) {
        const name = uniqueFileName(type, used)
        const lane = this.open(openOutputFile(outputPath(join(target.path, name), name)), csvHeader(columns))
        byType.set(type, { lane, columns })
      }
      this.laneOf = (type) => byType.get(type)!.lane
      this.line = (r) => damage(r.event, serializeCsvRow(r.event, byType.get(r.event.event)!.columns), true)
      this.tail = ''
      return
    }
    const file = target.kind === 'file' ? openOutputFile(target.file) : undefined
    const columns = format === 'csv' ? csvColumns(story) : []
    const lane = file ? this.open(file, '') : this.push({ writer: new ChunkWriter(stdout, stop), buf: '' })
    lane.buf = format === 'csv' ? csvHeader(columns) : format === 'json' ? '[' : ''
    this.laneOf = () => lane
    if (format === 'csv') this.line = (r) => damage(r.event, serializeCsvRow(r.event, columns), true)
    else if (format === 'ndjson') this.line = (r) => damage(r.event, `${serializeNdjson(r.event)}\n`, false)
    else
      this.line = (r) => {
        const sep = this.first ? '\n' : ',\n'
        this.first = false
        return sep + serializeNdjson(r.event)
      }
    this.tail = format === 'json' ? ']\n' : ''
  }

  accept(record: GeneratedRecord): boolean | Promise<boolean> {
    this.count++
    const lane = this.laneOf(record.event.event)
    lane.buf += this.line(record, lane)
    return lane.buf.length >= CHUNK_CHARS ? this.flushLane(lane) : true
  }

  async idle(): Promise<boolean> {
    this.onIdle(this.count)
    for (const lane of this.lanes) if (!(await this.flushLane(lane))) return false
    // Even with nothing to write, give the event loop a turn (signals are handled there).
    await nextTurn()
    return true
  }

  /** Writes what is pending, closing a JSON array (`[]` when empty). */
  async end(): Promise<boolean> {
    if (this.tail) this.lanes[0].buf += this.first ? this.tail : `\n${this.tail}`
    for (const lane of this.lanes) if (!(await this.flushLane(lane))) return false
    return true
  }

  /** The first write error that is not the reader going away. */
  get error(): Error | undefined {
    return this.lanes.find((l) => l.writer.error)?.writer.error
  }

  /** Renames (or just closes) every file: the run succeeded. */
  async commit(): Promise<void> {
    for (const lane of this.lanes) await lane.file?.commit()
  }

  /** Discards every temp file (a FIFO or device gets what was already written). */
  async abort(): Promise<void> {
    for (const lane of this.lanes) await lane.file?.abort()
  }

  private open(file: OutputFile, head: string): Lane {
    return this.push({ file, writer: new ChunkWriter(file.stream, this.stop), buf: head })
  }

  private push(lane: Lane): Lane {
    this.lanes.push(lane)
    return lane
  }

  private async flushLane(lane: Lane): Promise<boolean> {
    if (!lane.buf) return !lane.writer.closed
    const chunk = lane.buf
    lane.buf = ''
    return lane.writer.write(chunk)
  }
}

/** `user.signup` -> `user.signup.csv`; anything unsafe in a file name becomes `_`; clashes get `-2`. */
export function uniqueFileName(eventType: string, used: Set<string>): string {
  let base = eventType.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'
  if (base.length > 200) base = base.slice(0, 200)
  let name = `${base}.csv`
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}.csv`
  used.add(name.toLowerCase())
  return name
}
