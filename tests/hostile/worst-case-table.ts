/** The measured worst case (peak memory, time) per class, as the Markdown table docs/security.md shows. */
import type { HostileCase, Observation } from './types.ts'

/** One row per class: cases, the slowest case and its time, the largest peak RSS and its case. */
export function worstCaseTable(cases: readonly HostileCase[], observations: readonly Observation[]): string {
  const byId = new Map(cases.map((c) => [c.id, c]))
  const classes = [...new Set(cases.map((c) => c.class))]
  const rows = [
    '| Class | Cases | Slowest case | Time (ms) | Largest peak RSS | Peak (MiB) |',
    '|---|---|---|---|---|---|',
  ]
  for (const cls of classes) {
    const obs = observations.filter((o) => byId.get(o.id)?.class === cls)
    const slow = obs.reduce<Observation | undefined>(
      (m, o) => (!m || o.elapsedMs > m.elapsedMs ? o : m),
      undefined,
    )
    const big = obs.reduce<Observation | undefined>(
      (m, o) => (o.peakMiB !== undefined && (!m || o.peakMiB > (m.peakMiB ?? 0)) ? o : m),
      undefined,
    )
    rows.push(
      `| ${cls} | ${obs.length} | \`${slow?.id ?? '-'}\` | ${slow?.elapsedMs ?? '-'} | \`${big?.id ?? '-'}\` | ${big?.peakMiB ?? '-'} |`,
    )
  }
  return rows.join('\n')
}
