import type { DiagnosticCode } from '../../diagnostics/codes.ts'
import type { DocPath } from '../../diagnostics/diagnostic.ts'
import type { Span } from '../../diagnostics/span.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import { parseOn } from '../actors/parse-on.ts'
import { parseRate, type RateField } from '../rate/parse-rate.ts'
import type { EventDef, Frequency, OptionValue } from '../types.ts'
import type { FileContext } from './file-context.ts'
import type { MergedParts } from './merged-parts.ts'
import { invalidProbability, invalidRepeat, missingKey } from './messages.ts'
import { describePath, own, type RawMap } from './raw-values.ts'
import { mergeData, templateChain } from './templates.ts'

/** Where a key's value came from: the event or one of its templates. */
interface Picked {
  ctx: FileContext
  value: unknown
  path: DocPath
}

/** Builds one event definition, applying its template (`use:`). */
export function buildEvent(
  ctx: FileContext,
  raw: RawMap,
  path: DocPath,
  merged: MergedParts,
  index: number,
): EventDef | undefined {
  const chain = templateChain(ctx, raw, path, merged)
  if (!chain) return undefined
  // A key comes from the event when set there, else from the nearest template: each keeps its own file and span.
  const pick = (key: string): Picked | undefined => {
    const mine = own(raw, key)
    if (mine !== undefined) return { ctx, value: mine, path: [...path, key] }
    for (const t of chain) {
      const v = own(t.raw, key)
      if (v !== undefined) return { ctx: t.ctx, value: v, path: [...t.path, key] }
    }
    return undefined
  }
  const source = pick('source')
  const event = pick('event')
  const rawId = own(raw, 'id')
  const label =
    typeof rawId === 'string' ? rawId : typeof event?.value === 'string' ? event.value : describePath(path)
  // A problem in a template is reported in the template, naming the (first) event that used it.
  const report = (
    p: { ctx: FileContext; path: DocPath },
    code: DiagnosticCode,
    message: string,
    hint?: string,
    useKey = false,
  ) => {
    if (p.path[0] !== 'templates') return p.ctx.err(code, message, p.path, hint, useKey)
    const usedBy = ` (template ${quoteUser(String(p.path[1]))}, used by ${quoteUser(label)})`
    // The shape check may have reported it already (without knowing the events): name the event there.
    const earlier = p.ctx.earlier(code, p.path)
    if (earlier) {
      if (!earlier.message.includes(' used by ')) earlier.message += usedBy
      return
    }
    p.ctx.err(code, message + usedBy, p.path, hint, useKey)
  }
  if (!source || !event) {
    const use = own(raw, 'use')
    for (const missing of [!source && 'source', !event && 'event']) {
      if (!missing) continue
      const m = missingKey(
        missing,
        describePath(path),
        chain.length ? ` (nor in template ${quoteUser(String(use))})` : '',
      )
      ctx.err('story/missing-key', m.message, path, m.hint, true, true)
    }
    return undefined
  }
  if (typeof source.value !== 'string' || typeof event.value !== 'string') return undefined
  // Keyed by the user's keys: a null-prototype object, so a key `__proto__` is just a key.
  const keySpans: Record<string, Span> = Object.create(null)
  for (const key of Object.keys(raw)) {
    const l = ctx.loc([...path, key])
    keySpans[key] = l.key ?? l.value
  }
  const num = (key: string, fallback: number): number => {
    const p = pick(key)
    return typeof p?.value === 'number' ? p.value : fallback
  }
  const repeat = num('repeat', 1)
  const repeatAt = pick('repeat')
  if (repeat < 1 && repeatAt) {
    const m = invalidRepeat(String(repeat))
    report(repeatAt, 'story/invalid-repeat', m.message, m.hint)
  }
  const probability = num('probability', 1)
  const probabilityAt = pick('probability')
  if ((probability < 0 || probability > 1) && probabilityAt) {
    const m = invalidProbability(probability)
    report(probabilityAt, 'story/invalid-probability', m.message, m.hint)
  }
  const frequency = pick('frequency')?.value as Frequency | undefined
  const every = pick('every')
  if (frequency !== undefined && every) {
    report(
      { ctx: every.ctx, path: every.path },
      'story/frequency-and-every',
      'Set either `frequency` or `every`, not both',
      undefined,
      true,
    )
  }
  const after = pick('after')?.value
  const data = mergeData(ctx, raw, path, chain)
  const option = (key: string): OptionValue | undefined => {
    const p = pick(key)
    return p ? p.ctx.option(p.value, p.path) : undefined
  }
  const faultsAt = pick('faults')
  // rates (issue 17): `rate:` and its pattern/growth/bursts/until, parsed with spans (schedule/rate).
  const rateField = (key: string): RateField | undefined => {
    const p = pick(key)
    if (!p) return undefined
    return {
      value: p.value,
      file: p.ctx.file,
      path: p.path,
      span: (sub = []) => p.ctx.loc([...p.path, ...sub]).value,
    }
  }
  const rate = parseRate(rateField, ctx.out)
  const on = parseOn(pick('on'), report, raw)
  return {
    index,
    id: typeof rawId === 'string' ? rawId : event.value,
    source: source.value,
    event: event.value,
    offsetDays: num('offset_days', 0),
    offset: option('offset'),
    repeat: Math.max(1, Math.floor(repeat)),
    frequency: frequency ?? (every || repeat <= 1 ? undefined : 'daily'),
    every: option('every'),
    jitter: option('jitter'),
    after: typeof after === 'string' ? after : undefined,
    delay: option('delay'),
    probability,
    when: option('when'),
    rate,
    on,
    data,
    // faults (issue 18): kept as written; packages/engine/src/faults checks it.
    faults: faultsAt ? faultsAt.ctx.dataNode(faultsAt.value, faultsAt.path) : undefined,
    use: chain.length ? String(own(raw, 'use')) : undefined,
    file: ctx.file,
    span: ctx.loc(path).value,
    keySpans,
    path,
  }
}
