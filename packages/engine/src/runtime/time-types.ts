/** A local (zone-less) date-time, as written in the story. */
export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

/** The repeat frequencies a story may name. */
export const FREQUENCIES = ['minutely', 'hourly', 'daily', 'weekly', 'monthly'] as const
/** One of FREQUENCIES. */
export type Frequency = (typeof FREQUENCIES)[number]
