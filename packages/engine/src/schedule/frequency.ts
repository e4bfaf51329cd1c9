/** The repeat frequencies a story may name (the schedule steps by them). */
export const FREQUENCIES = ['minutely', 'hourly', 'daily', 'weekly', 'monthly'] as const

/** One of FREQUENCIES. */
export type Frequency = (typeof FREQUENCIES)[number]
