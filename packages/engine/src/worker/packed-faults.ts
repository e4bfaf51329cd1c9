/**
 * The fault marks of a packed batch (see packed-records.ts): only the faulty records', by position
 * in the batch. A batch without faults gets nothing, so clean records cost nothing extra.
 */
import type { FaultMark } from './fault-marks.ts'

/** Marks of the faulty records of one batch: `marks[j]` belongs to record `positions[j]` (ascending). */
export interface PackedFaults {
  positions: Uint32Array
  marks: FaultMark[]
}

/** The marks of a batch's faulty records, or undefined when none is faulty. */
export function packFaults(records: readonly { fault?: FaultMark }[]): PackedFaults | undefined {
  let at: number[] | undefined
  let marks: FaultMark[] | undefined
  for (let i = 0; i < records.length; i++) {
    const fault = records[i].fault
    if (!fault) continue
    at ??= []
    marks ??= []
    at.push(i)
    marks.push(fault)
  }
  return at && marks ? { positions: Uint32Array.from(at), marks } : undefined
}
