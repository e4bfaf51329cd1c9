import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { profileChart } from './profile-chart.ts'
import { HOUR_PROFILES, normalise } from './profiles.ts'

const TIME_DOC = readFileSync(fileURLToPath(new URL('../../../../../docs/time.md', import.meta.url)), 'utf8')

describe('hour profiles', () => {
  it.each(Object.keys(HOUR_PROFILES))(
    '%s has 24 weights, mean 1 once normalised, and is in docs/time.md',
    (name) => {
      const w = HOUR_PROFILES[name]
      expect(w).toHaveLength(24)
      expect(w.every((x) => x >= 0)).toBe(true)
      expect(normalise(w).reduce((a, b) => a + b) / 24).toBeCloseTo(1, 12)
      expect(TIME_DOC).toContain(profileChart(name))
    },
  )
})
