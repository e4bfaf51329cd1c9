/** Names longer than this get no "did you mean" (a typo of a 10 KB key is not a typo). */
export const MAX_SUGGEST_LENGTH = 64

/** Most candidates one suggestion looks at (the first ones, in the order given). */
export const MAX_SUGGEST_CANDIDATES = 1_000

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one
 * step (optimal string alignment): `bsae` is one typo away from `base`, as a user sees it.
 * With `limit`, only a band of width 2 * limit + 1 is computed and any distance above `limit` is
 * returned as `limit + 1` (early exit): O(length * limit) instead of O(length^2).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0
  const over = Math.min(limit + 1, Math.max(a.length, b.length) + 1)
  if (Math.abs(a.length - b.length) >= over) return over
  const band = over - 1
  const width = b.length + 1
  // Three rows: the one before the previous is needed for swaps. Cells outside the band are "over".
  let prev2 = rowBuffer(0, width)
  let prev = rowBuffer(1, width)
  let row = rowBuffer(2, width)
  prev2.fill(over, 0, width)
  for (let j = 0; j < width; j++) prev[j] = j <= band ? j : over
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band)
    const to = Math.min(b.length, i + band)
    row.fill(over, 0, width)
    if (i <= band) row[0] = i
    let best = row[0]
    const ai = a.charCodeAt(i - 1)
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1)
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1))
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, prev2[j - 2] + 1)
      row[j] = d
      if (d < best) best = d
    }
    if (best >= over) return over
    const t = prev2
    prev2 = prev
    prev = row
    row = t
  }
  return Math.min(prev[b.length], over)
}

// Reused rows (the distance runs thousands of times per load; allocating rows each time dominated).
const rows: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)]

function rowBuffer(k: number, width: number): Int32Array {
  if (rows[k].length < width) rows[k] = new Int32Array(Math.max(width, 2 * rows[k].length))
  return rows[k]
}

/**
 * The closest candidate to `name` when it is close enough to be a likely typo, else undefined.
 * Bounded work on any input: at most MAX_SUGGEST_CANDIDATES candidates, names of at most
 * MAX_SUGGEST_LENGTH characters, and a banded distance that stops past the allowed typos.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGEST_LENGTH) return undefined
  const allowed = Math.max(1, Math.floor(name.length / 3))
  const lower = name.toLowerCase()
  let best: string | undefined
  let bestScore = allowed + 1
  let looked = 0
  for (const c of candidates) {
    if (++looked > MAX_SUGGEST_CANDIDATES) break
    if (c.length > MAX_SUGGEST_LENGTH) continue
    // A strictly better score is needed to replace the current best (the first closest wins).
    const d = editDistance(lower, c.toLowerCase(), bestScore - 1)
    if (d < bestScore) {
      bestScore = d
      best = c
      if (d === 0) break
    }
  }
  return best
}
