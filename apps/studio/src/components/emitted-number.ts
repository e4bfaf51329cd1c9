/**
 * The Inspector's `#N`: the how-manieth emitted event of its definition the record is. The occurrence
 * index counts occurrences that `probability` or `when` dropped too (#4972 of 1,891 signups).
 */

/** The records the number is counted over (the run's RecordWindow). */
export interface CountedRecords {
  readonly length: number
  def(i: number): number
  index(i: number): number
}

/** 1 + the records of definition `def` with a smaller occurrence index than `index` (in the preview). */
export function emittedNumber(records: CountedRecords, def: number, index: number): number {
  let n = 1
  for (let i = 0; i < records.length; i++) {
    if (records.def(i) === def && records.index(i) < index) n++
  }
  return n
}
