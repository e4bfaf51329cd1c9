import { allLocales } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { runStory, sampleField } from '../generate/run-test-story.ts'
import { Rng } from '../runtime/rng.ts'
import { isKnownLocale as isFakerLocale } from '../story/locales.ts'
import { FAKER_PATHS, FakerBridge, isFakerPath, PYTHON_FAKER_NAMES } from './faker-bridge.ts'
import { testStory } from './test-story.ts'

describe('faker allow-list', () => {
  it('lists faker-js methods explicitly, without private, template or callback methods', () => {
    expect(FAKER_PATHS.length).toBeGreaterThan(200)
    for (const p of [
      'person.fullName',
      'internet.email',
      'location.city',
      'commerce.price',
      'string.uuid',
      'date.past',
    ]) {
      expect(FAKER_PATHS).toContain(p)
    }
    for (const p of FAKER_PATHS) {
      const method = p.split('.')[1]
      expect(method.startsWith('_') || method === 'constructor').toBe(false)
    }
    expect(isFakerPath('helpers.multiple')).toBe(false)
    expect(isFakerPath('person.constructor')).toBe(false)
    expect(isFakerPath('fakerCore.x')).toBe(false)
  })

  it('maps at least 25 Python Faker names, each onto an allowed faker-js method', () => {
    const required = [
      'name',
      'first_name',
      'last_name',
      'email',
      'user_name',
      'company',
      'job',
      'address',
      'city',
      'country',
      'postcode',
      'phone_number',
      'url',
      'ipv4',
      'user_agent',
      'sentence',
      'text',
      'word',
      'iban',
      'credit_card_number',
      'currency_code',
      'color_name',
    ]
    const names = PYTHON_FAKER_NAMES.map((p) => p.name)
    for (const r of required) expect(names).toContain(r)
    expect(names.length).toBeGreaterThanOrEqual(25)
    for (const p of PYTHON_FAKER_NAMES) expect(FAKER_PATHS, p.name).toContain(p.target)
  })

  it('every Python name produces a value in a story', () => {
    const data: Record<string, unknown> = {}
    for (const p of PYTHON_FAKER_NAMES) data[p.name] = `faker.${p.name}()`
    const { rows, issues } = runStory(testStory([{ id: 'a', data }]), 2)
    expect(issues.toDiagnostics()).toEqual([])
    for (const p of PYTHON_FAKER_NAMES) expect(rows[0][0][p.name], p.name).not.toBeNull()
    expect(rows[0][0].email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/)
  })

  it('passes keyword arguments as an options object and Python keywords by name', () => {
    const ints = sampleField('faker.number.int(min=5, max=7)', 300) as number[]
    expect(new Set(ints)).toEqual(new Set([5, 6, 7]))
    const words = sampleField('faker.sentence(nb_words=4)', 20) as string[]
    for (const s of words) expect(s.split(' ')).toHaveLength(4)
    expect(sampleField("faker.helpers.arrayElement(['x'])", 3)).toEqual(['x', 'x', 'x'])
  })
})

describe('faker bridge', () => {
  it('draws from the occurrence stream: same seed same values, other seed other values', () => {
    const a = sampleField('faker.person.jobTitle()', 20, 1)
    expect(sampleField('faker.person.jobTitle()', 20, 1)).toEqual(a)
    expect(sampleField('faker.person.jobTitle()', 20, 2)).not.toEqual(a)
  })

  it('fast paths pick from the locale lists', () => {
    const firsts = new Set(allLocales.en.person!.first_name!.generic)
    const lasts = new Set(allLocales.en.person!.last_name!.generic)
    for (const n of sampleField('faker.name()', 200) as string[]) {
      const [f, l] = n.split(' ')
      expect(firsts.has(f) && lasts.has(l), n).toBe(true)
    }
    for (const n of sampleField('faker.person.firstName()', 50) as string[]) expect(firsts.has(n)).toBe(true)
    for (const e of sampleField('faker.internet.email()', 200) as string[]) {
      expect(e).toMatch(/^[A-Za-z0-9._+-]+@(gmail\.com|yahoo\.com|hotmail\.com)$/)
    }
  })

  it('the story locale selects faker locale data (with fallback to en)', () => {
    const de = testStory([{ id: 'a', data: { city: 'faker.city()', name: 'faker.name()' } }], {
      locale: 'de',
    })
    const rows = runStory(de, 30).rows[0]
    const deLasts = new Set(allLocales.de.person!.last_name!.generic)
    expect(rows.some((r) => deLasts.has(String(r.name).split(' ').at(-1)!))).toBe(true)
    expect(isFakerLocale('de_DE')).toBe(true)
    expect(isFakerLocale('en-US')).toBe(true)
    expect(isFakerLocale('xx')).toBe(false)
    const b = new FakerBridge('zh_CN', new Rng(1, 2, 3))
    expect(typeof b.resolve('person.fullName')!([], null)).toBe('string')
  })
})
