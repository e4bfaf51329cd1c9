import { Duration } from '../schedule/duration.ts'

/** Parses an ISO 8601 duration (`PT1H30M`, `P2D`, `-PT5M`), or undefined. */
export function parseIsoDuration(s: string): Duration | undefined {
  const m =
    /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      s.trim(),
    )
  if (!m || s.trim() === 'P' || s.trim().endsWith('T')) return undefined
  const n = (x: string | undefined): number => (x === undefined ? 0 : Number(x))
  const sign = m[1] ? -1 : 1
  const d = Duration.of({ weeks: n(m[2]), days: n(m[3]), hours: n(m[4]), minutes: n(m[5]), seconds: n(m[6]) })
  return new Duration(sign * d.days, sign * d.ms)
}
