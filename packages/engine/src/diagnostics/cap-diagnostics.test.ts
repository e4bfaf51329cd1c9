import { describe, expect, it } from 'vitest'
import { capDiagnostics, MAX_DIAGNOSTICS } from './cap-diagnostics.ts'
import { type Diagnostic, error, warning } from './diagnostic.ts'
import { MAX_MESSAGE_LENGTH, quoteUser, truncateUser } from './user-text.ts'

const at = (i: number) => ({ start: i, end: i + 1 })
const errors = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => error('story/unknown-key', `e${from + i}`, 'a.yaml', at(from + i)))
const warnings = (n: number) =>
  Array.from({ length: n }, (_, i) => warning('schedule/out-of-order', `w${i}`, 'a.yaml', at(i)))

describe('capDiagnostics', () => {
  it('leaves a short list as it is', () => {
    const list = errors(3)
    expect(capDiagnostics(list)).toEqual(list)
  })

  it(`keeps ${MAX_DIAGNOSTICS}, errors first, and says how many were left out, at the first one left out`, () => {
    const list: Diagnostic[] = [...warnings(50), ...errors(300)]
    const capped = capDiagnostics(list)
    expect(capped).toHaveLength(MAX_DIAGNOSTICS + 1)
    expect(capped.slice(0, -1).every((d) => d.severity === 'error')).toBe(true)
    expect(capped.slice(0, -1).map((d) => d.message)).toEqual(errors(MAX_DIAGNOSTICS).map((d) => d.message))
    const last = capped.at(-1)!
    expect(last).toMatchObject({ code: 'limit/diagnostics', severity: 'warning', span: at(0) })
    expect(last.message).toBe('150 more problems were left out: at most 200 are reported at once')
  })

  it('keeps the order of the list for what it keeps', () => {
    const list: Diagnostic[] = [...errors(150), ...warnings(100)]
    const capped = capDiagnostics(list)
    expect(capped.slice(0, 150).every((d) => d.severity === 'error')).toBe(true)
    expect(capped.slice(150, 200).every((d) => d.severity === 'warning')).toBe(true)
  })

  it('is idempotent, and sums the counts of joined capped lists into one', () => {
    const once = capDiagnostics(errors(250))
    expect(capDiagnostics(once)).toEqual(once)
    const joined = capDiagnostics([...once, ...capDiagnostics(errors(230, 1000))])
    const limits = joined.filter((d) => d.code === 'limit/diagnostics')
    expect(limits).toHaveLength(1)
    expect(limits[0].message).toMatch(/^280 more problems were left out/)
    expect(joined).toHaveLength(MAX_DIAGNOSTICS + 1)
  })

  it('cuts long messages and hints', () => {
    const long = error('expr/cycle', 'x'.repeat(50_000), 'a.yaml', at(0), [], 'y'.repeat(50_000))
    const [d] = capDiagnostics([long])
    expect(d.message).toHaveLength(MAX_MESSAGE_LENGTH)
    expect(d.hint).toHaveLength(MAX_MESSAGE_LENGTH)
    expect(d.message.endsWith('…')).toBe(true)
  })

  it('a 5,000-diagnostic report of 5,000-name messages stays small', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `field_${i}`).join(' -> ')
    const list = Array.from({ length: 5000 }, (_, i) =>
      error('expr/cycle', `Cycle: ${names}`, 'a.yaml', at(i)),
    )
    expect(JSON.stringify(capDiagnostics(list)).length).toBeLessThan(400_000)
  })
})

describe('quoted user text', () => {
  it.each([
    ['short', 'plan', '`plan`'],
    ['long', 'k'.repeat(500), `\`${'k'.repeat(79)}…\``],
  ])('%s', (_name, text, want) => {
    expect(quoteUser(text)).toBe(want)
  })

  it('never splits a surrogate pair', () => {
    const t = `${'a'.repeat(78)}😀😀`
    expect(truncateUser(t)).toBe(`${'a'.repeat(78)}…`)
  })
})
