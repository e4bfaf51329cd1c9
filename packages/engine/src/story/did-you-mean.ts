/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one
 * step (optimal string alignment): `bsae` is one typo away from `base`, as a user sees it.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  // Three rows: the one before the previous is needed for swaps.
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1)
      row.push(d)
    }
    prev2 = prev
    prev = row
  }
  return prev[b.length]
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
