/** The Summary's rows of events per type (own keys only: an event type may be `__proto__` or `toString`). */

/** `[type, count]` rows, most frequent first, then by name. */
export function perTypeRows(perType: Readonly<Record<string, number>>): [string, number][] {
  const rows: [string, number][] = []
  for (const type of Object.keys(perType)) {
    const count = perType[type]
    if (Object.hasOwn(perType, type) && typeof count === 'number') rows.push([type, count])
  }
  return rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}
