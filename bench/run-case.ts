import { actorsRun } from './actors-case.ts'
import { ByteSink } from './byte-sink.ts'
import { engineRun } from './engine-case.ts'
import { handWrittenLoop } from './faker-loop.ts'
import { jsonSchemaFakerLoop } from './json-schema-faker-case.ts'

/** The benchmark cases, by name: each writes `events` NDJSON records into a sink (`actors`: that many arriving actors). */
export const CASES = {
  engine: engineRun,
  'faker-loop': handWrittenLoop,
  'json-schema-faker': jsonSchemaFakerLoop,
  actors: actorsRun,
} satisfies Record<string, (events: number, sink: ByteSink) => number>

/** Name of a benchmark case. */
export type CaseName = keyof typeof CASES

/** What one case measured, printed by the child process as one JSON line. */
export interface CaseResult {
  name: CaseName
  events: number
  bytes: number
  ms: number
  /** CPU time of the process during the case (user + system, all threads), ms: steadier than wall time on a busy machine. */
  cpuMs: number
  /** Peak resident set size of the whole process, MiB. */
  maxRssMiB: number
}

/** Runs one case in this process and measures it. */
export function runCase(name: CaseName, events: number): CaseResult {
  const sink = new ByteSink()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const made = CASES[name](events, sink)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return {
    name,
    events: made,
    bytes: sink.bytes,
    ms,
    cpuMs,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }
}
