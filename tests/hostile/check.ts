/** Compares what a case did with what it must do: a list of failures, empty when the case passes. */
import { type HostileCase, type Observation, TIME_SCALE } from './types.ts'

// Raw control characters other than tab and newline (ESC, BEL, CR, NUL, DEL, C1 CSI ...).
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Every expectation and bound the observation breaks. */
export function failuresOf(c: HostileCase, o: Observation): string[] {
  const e = c.expect
  const out: string[] = []
  if (o.threw) out.push(`crashed or threw: ${o.threw.split('\n').slice(0, 3).join(' | ')}`)
  if (o.protoChanged?.length) out.push(`prototypes changed: ${o.protoChanged.slice(0, 5).join(', ')}`)
  if (o.nextStoryBroken) out.push(o.nextStoryBroken)
  if (o.codes.includes('internal/error')) out.push('reported internal/error (an engine bug)')
  for (const code of e.codes ?? []) if (!o.codes.includes(code)) out.push(`missing diagnostic ${code}`)
  if (e.anyCode && !e.anyCode.some((code) => o.codes.includes(code)))
    out.push(`missing one of ${e.anyCode.join(' / ')}`)
  for (const code of e.absent ?? []) if (o.codes.includes(code)) out.push(`unexpected diagnostic ${code}`)
  if (e.exit !== undefined && !list(e.exit).includes(o.exit as number))
    out.push(`exit ${o.exit ?? `by signal ${o.signal}`}, expected ${list(e.exit).join(' or ')}`)
  for (const s of e.lacks ?? []) if (o.text?.includes(s)) out.push(`output contains ${JSON.stringify(s)}`)
  if (e.noRawControl && o.text && RAW_CONTROL.test(o.text)) {
    const at = o.text.search(RAW_CONTROL)
    out.push(`raw control character ${JSON.stringify(o.text.slice(Math.max(0, at - 20), at + 5))}`)
  }
  if (e.increasing && o.increasing !== true) out.push('timestamps not strictly increasing')
  if (e.minEvents !== undefined && (o.events ?? 0) < e.minEvents)
    out.push(`${o.events ?? 0} events, expected at least ${e.minEvents}`)
  if (e.deterministic && o.deterministic !== true) out.push('two runs gave different bytes')
  const stopBound = (e.stopsWithinMs ?? 0) * TIME_SCALE
  if (e.stopsWithinMs !== undefined && !(o.stopMs !== undefined && o.stopMs <= stopBound))
    out.push(`did not stop within ${stopBound} ms of the signal (took ${o.stopMs ?? '?'} ms)`)
  for (const [p, want] of Object.entries(e.paths ?? {}))
    if (!list(want).includes(o.paths?.[p] ?? 'absent'))
      out.push(`${p} is ${o.paths?.[p]}, expected ${list(want).join(' or ')}`)
  if (e.noTempLeft && o.tempLeft?.length) out.push(`temp files left: ${o.tempLeft.join(', ')}`)
  for (const [p, s] of Object.entries(e.fileLacks ?? {}))
    if (o.files?.[p]?.includes(s)) out.push(`${p} contains ${JSON.stringify(s)}`)
  if (o.elapsedMs > c.maxMs * TIME_SCALE) out.push(`took ${o.elapsedMs} ms, bound ${c.maxMs * TIME_SCALE} ms`)
  if (o.peakMiB !== undefined && o.peakMiB > c.maxMiB)
    out.push(`peak RSS ${o.peakMiB} MiB, bound ${c.maxMiB} MiB`)
  return out
}
