import { PartError, type PartRecord, partRecords } from './part-reader.ts'

/** Options of a merge: the format of the parts and where the merged text goes. */
export interface MergeOptions {
  csv: boolean
  /** Stop after this many records (the unsharded run's `--limit`). */
  limit?: number
  /** Writes merged text; resolves false when the output is gone (stop). */
  write: (text: string) => Promise<boolean>
}

const CHUNK_CHARS = 1 << 16

/**
 * Merges the parts of one run (`generate --shard K/N`) into exactly the unsharded output: a
 * k-way merge by timestamp. A shard's blocks never split a millisecond, so two parts never hold
 * the same instant and the timestamp alone orders them; a part that goes back in time, or an
 * instant in two parts (a part given twice, parts of different runs), is an error, not a guess.
 * Returns the records written.
 */
export async function mergeParts(paths: readonly string[], options: MergeOptions): Promise<number> {
  let header: string | undefined
  const onHeader = (path: string) => (h: string) => {
    if (header === undefined) header = h
    else if (h !== header) throw new PartError(`${path}: its CSV header differs from the first part's`)
  }
  const its = paths.map((p) => partRecords(p, options.csv, onHeader(p)))
  const heads: (PartRecord | undefined)[] = await Promise.all(its.map(async (it) => (await it.next()).value))
  const limit = options.limit ?? Number.POSITIVE_INFINITY
  let buf = header ?? ''
  let written = 0
  try {
    while (written < limit) {
      let best = -1
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i]
        if (h === undefined) continue
        if (best >= 0 && h.ms === heads[best]!.ms)
          throw new PartError(
            `${paths[best]} and ${paths[i]} both hold ${new Date(h.ms).toISOString()}: not disjoint parts of one run (a part given twice?)`,
          )
        if (best < 0 || h.ms < heads[best]!.ms) best = i
      }
      if (best < 0) break
      const rec = heads[best]!
      buf += rec.text
      written++
      if (buf.length >= CHUNK_CHARS) {
        if (!(await options.write(buf))) return written
        buf = ''
      }
      const next = (await its[best].next()).value
      if (next !== undefined && next.ms < rec.ms)
        throw new PartError(
          `${paths[best]}: goes back in time after record ${written}: not a part in run order`,
        )
      heads[best] = next
    }
    if (buf.length > 0) await options.write(buf)
    return written
  } finally {
    await Promise.all(its.map((it) => it.return(undefined)))
  }
}
