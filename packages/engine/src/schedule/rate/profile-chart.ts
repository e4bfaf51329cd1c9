import { HOUR_PROFILES, normalise } from './profiles.ts'

const BLOCKS = ' ▁▂▃▄▅▆▇█'

/** The docs/time.md text of one profile: its weights (mean 1, two decimals) and a bar chart, hour 0 first. */
export function profileChart(name: string): string {
  const w = normalise(HOUR_PROFILES[name])
  const max = Math.max(...w)
  const bars = w.map((x) => BLOCKS[Math.round((x / max) * 8)]).join('')
  return `${name.padEnd(9)}|${bars}|  ${w.map((x) => x.toFixed(2)).join(' ')}`
}
