/** The Summary's rows of events per type (own keys only: an event type may be `__proto__` or `toString`). */
import { FAULT_KIND_LABEL, FAULT_KIND_ORDER } from './inspector-fault-text.ts'

/** `[type, count]` rows, most frequent first, then by name. */
export function perTypeRows(perType: Readonly<Record<string, number>>): [string, number][] {
  const rows: [string, number][] = []
  for (const type of Object.keys(perType)) {
    const count = perType[type]
    if (Object.hasOwn(perType, type) && typeof count === 'number') rows.push([type, count])
  }
  return rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

/** The counts per fault kind of a run (`faults:`, issue 18), in the summary's order; zero counts are left out. */
export function faultRows(
  faults: Readonly<Partial<Record<(typeof FAULT_KIND_ORDER)[number], number>>> | undefined,
): [label: string, kind: string, count: number][] {
  if (!faults) return []
  const rows: [string, string, number][] = []
  for (const kind of FAULT_KIND_ORDER) {
    const count = faults[kind] ?? 0
    if (count > 0) rows.push([FAULT_KIND_LABEL[kind], kind, count])
  }
  return rows
}
