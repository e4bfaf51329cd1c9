/** Edit distance (Levenshtein), case-insensitive; for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase()
  b = b.toLowerCase()
  if (a === b) return 0
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]
}

/** The closest candidate to `name` within a distance that still looks like a typo, or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1
  for (const c of candidates) {
    const d = editDistance(name, c)
    if (d < bestD) {
      best = c
      bestD = d
    }
  }
  return best
}

/** A "did you mean" hint, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const c = closest(name, candidates)
  return c === undefined ? undefined : `did you mean \`${c}\`?`
}
