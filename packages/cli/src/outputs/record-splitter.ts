/**
 * Finds where records end in a stream of text chunks, so a rolling output cuts files between
 * records only. NDJSON records end at every `\n` (JSON escapes line breaks in strings); CSV
 * records end at a `\n` outside quotes (RFC 4180 cells may hold line breaks; a quote inside a
 * cell is doubled, so counting quotes tells inside from outside). State carries across chunks.
 */
export class RecordSplitter {
  private inQuotes = false

  constructor(private readonly csv: boolean) {}

  /**
   * The index just past the `n`-th record end in `text` (n >= 1), or -1 with `count` set to
   * how many record ends the whole chunk holds (fewer than n).
   */
  find(text: string, n: number): { end: number; count: number } {
    let count = 0
    if (!this.csv) {
      let at = -1
      while (count < n) {
        at = text.indexOf('\n', at + 1)
        if (at < 0) return { end: -1, count }
        count++
      }
      return { end: at + 1, count }
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 34 /* " */) this.inQuotes = !this.inQuotes
      else if (c === 10 /* \n */ && !this.inQuotes && ++count === n) return { end: i + 1, count }
    }
    return { end: -1, count }
  }
}
