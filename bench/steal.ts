import { readFileSync } from 'node:fs'

/**
 * CPU time the hypervisor gave to other guests while this virtual machine wanted it ("steal",
 * the 8th column of /proc/stat's `cpu` line). On the 2-core development VM it ranged from 0 to
 * 20% of the machine from one minute to the next, and a run measured under it is slower for
 * reasons outside the code: the workers bench prints it next to every row.
 */
export interface CpuTimes {
  steal: number
  total: number
}

/** The machine's CPU times so far (in clock ticks), or undefined where /proc/stat is missing. */
export function cpuTimes(): CpuTimes | undefined {
  let line: string
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
  } catch {
    return undefined
  }
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined
  return { steal: ticks[7], total: ticks.reduce((a, b) => a + b, 0) }
}

/** The share of the machine's CPU time stolen between two readings (0-1), NaN when unknown. */
export function stolenShare(before: CpuTimes | undefined, after: CpuTimes | undefined): number {
  if (!before || !after || after.total <= before.total) return Number.NaN
  return (after.steal - before.steal) / (after.total - before.total)
}
