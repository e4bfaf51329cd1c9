/** The hostile-input suite's vocabulary: a case is data (input, entry point, expectations, bounds). */

/** The classes of issue 14 (every class has cases). */
export type HostileClass =
  | 'prototype'
  | 'links-includes'
  | 'faker'
  | 'resources'
  | 'numbers-times'
  | 'cli-process'
  | 'studio-worker'
  | 'yaml'
  | 'sandbox'
  | 'share-link'

/** A file the harness creates in the case's temporary directory before the case runs. */
export type FileSpec =
  | { path: string; text: string }
  | { path: string; fifo: true }
  | { path: string; symlink: string }
  | { path: string; dir: true }
  /** A character device node (null device, made with mknod; skipped when not root). */
  | { path: string; nullDevice: true }

/** Text, or a function that builds it (big inputs are built in the child, not in the table). */
export type Text = string | (() => string)

/** The engine or CLI entry point a case drives. */
export type Entry =
  /** loadStory(text, { file, resolveInclude: files in the temp dir, fromLink }). */
  | { kind: 'load'; story: Text; fromLink?: boolean }
  /** checkStory (what `validate` and the studio's live markers run). */
  | { kind: 'check'; story: Text; fromLink?: boolean }
  /** streamStory, iterating at most `limit` events, serialized as `format` (the CLI's serializers). */
  | { kind: 'stream'; story: Text; limit?: number; format?: 'ndjson' | 'csv' | 'json'; fromLink?: boolean }
  /** decodeShareLink(link), then (when it decodes) checkStory of the text with fromLink. */
  | { kind: 'decode'; link: Text }
  /** The worker host's engine binding (realEngineApi): check, then export a whole run. */
  | { kind: 'worker'; story: Text; format?: 'ndjson' | 'csv'; limit?: number }
  /**
   * The CLI as a process in the temp dir (`autosource ...args`). `{link}` in an arg is replaced by
   * `link()`; `{dir}` by the temp dir. `signalAfterMs` sends `signal` once that long has passed
   * after the first output byte (or the start, when `signalOnStart`).
   */
  | {
      kind: 'cli'
      args: string[]
      link?: () => string
      env?: Record<string, string>
      signal?: 'SIGINT' | 'SIGTERM'
      signalAfterMs?: number
      /** Spawns `cat FIFO > FIFO.read` first, so a write-through to a FIFO has a reader. */
      fifoReader?: string
    }

/** What happened to a path after the case (CLI `--out` checks). */
export type PathState = 'absent' | 'file' | 'symlink' | 'fifo' | 'device' | 'dir'

/** What must hold after the case. Every case also requires: no crash, no `internal/error`, prototypes unchanged. */
export interface Expect {
  /** Every one of these diagnostic codes appears (CLI: in stderr/stdout). */
  codes?: string[]
  /** At least one of these appears (where the fixes may choose either). */
  anyCode?: string[]
  /** None of these appears. */
  absent?: string[]
  /** CLI exit code (one of). */
  exit?: number | number[]
  /** No output, message or code frame contains any of these strings. */
  lacks?: string[]
  /** Messages, code frames and terminal output contain no raw control characters (ESC, BEL, CR ...). */
  noRawControl?: boolean
  /** Event timestamps are strictly increasing. */
  increasing?: boolean
  /** At least this many events. */
  minEvents?: number
  /** Running the case twice (a moment apart) gives the same bytes. */
  deterministic?: boolean
  /** CLI: the process ends within this many ms after the signal. */
  stopsWithinMs?: number
  /** CLI: states of paths in the temp dir afterwards. */
  paths?: Record<string, PathState | PathState[]>
  /** CLI: no `*.tmp-*` file is left in the temp dir. */
  noTempLeft?: boolean
  /** CLI: the file at this path (after the case) contains this text, when it exists. */
  fileLacks?: Record<string, string>
}

/** One hostile case: id, class, input and entry point, what must hold, and its bounds. */
export interface HostileCase {
  id: string
  class: HostileClass
  /** One line: what the attacker tries. */
  title: string
  entry: Entry
  files?: FileSpec[]
  expect: Expect
  /** Wall-clock bound of the case itself (the hang guard kills at a multiple of it). */
  maxMs: number
  /** Peak resident memory bound of the process running the case (Node + engine is ~150 MiB). */
  maxMiB: number
  /** Who must fix it when it fails today (for the report; not used to decide pass/fail). */
  owner?: 'expr' | 'story' | 'run' | 'cli-http' | 'studio' | 'share' | 'none'
}

/**
 * Multiplies every time bound and hang guard (HOSTILE_TIME_SCALE=3 on a machine that is busy with
 * other work); the bounds themselves are set for the 2-core development machine.
 */
export const TIME_SCALE = Math.max(1, Number(process.env.HOSTILE_TIME_SCALE) || 1)

/** What a child observed while running a case. */
export interface Observation {
  id: string
  codes: string[]
  elapsedMs: number
  /** Peak RSS of the process (MiB) after the case. */
  peakMiB?: number
  /** Peak RSS before the case started (batched children: earlier cases share the process). */
  peakBeforeMiB?: number
  threw?: string
  events?: number
  increasing?: boolean
  deterministic?: boolean
  /** Texts the expectations search (messages, code frames, output). */
  text?: string
  protoChanged?: string[]
  nextStoryBroken?: string
  exit?: number | null
  signal?: string | null
  stopMs?: number
  paths?: Record<string, PathState>
  tempLeft?: string[]
  files?: Record<string, string>
}
