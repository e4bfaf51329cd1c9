import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * CPU time (ms) that the servers the sinks bench sends to have used, read from /proc: they run
 * on the same cores as the sink, so their work bounds what any client can reach here.
 */

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** utime + stime + cutime + cstime of one process (its reaped children included), in ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start at the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS
}

/** The CPU clock of this process's child named `name` (kcat), or undefined when there is none. */
export function childCpu(name: string): (() => number) | undefined {
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const kids = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim().split(' ').filter(Boolean)
      for (const kid of kids) {
        if (readFileSync(`/proc/${kid}/comm`, 'utf8').trim() === name) return () => processCpuMs(Number(kid))
      }
    }
  } catch {
    // No /proc (or no `children` files in this kernel): the column shows '-'.
  }
  return undefined
}

/**
 * The CPU clock of a PostgreSQL server: its postmaster's own and reaped backends' time (a
 * backend's time counts once its connection closed), found through `data_directory`.
 */
export function postgresCpu(binDir: string, url: string): (() => number) | undefined {
  const psql = spawnSync(join(binDir, 'psql'), ['-Atc', 'SHOW data_directory', url], { encoding: 'utf8' })
  if (psql.status !== 0) return undefined
  try {
    const pid = Number(readFileSync(`${psql.stdout.trim()}/postmaster.pid`, 'utf8').split('\n')[0])
    processCpuMs(pid)
    return () => processCpuMs(pid)
  } catch {
    // The data directory is not readable here (another user's server): the column shows '-'.
    return undefined
  }
}
