/** Levenshtein distance, small and allocation-light (names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]
}

/** The closest candidate to `name` when it is close enough to be a likely typo, else undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  const lower = name.toLowerCase()
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase())
    if (d < bestScore) {
      bestScore = d
      best = c
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3))
  return best !== undefined && bestScore <= allowed ? best : undefined
}
