import { exprString, pct, sureness } from './data-node.ts'
import type { FieldStats } from './field-stats.ts'
import { guessStringFormat, type StringFormat } from './string-format.ts'

/** A generator expression for a field of free-form strings, and what was inferred. */
export function describeStrings(stats: FieldStats, key: string): { text: string; note: string } {
  const { format, share } = guessStringFormat(stats.sampleStrings)
  const how = `${pct(share)} of ${stats.sampleStrings.length}; ${sureness(share, stats.sampleStrings.length)}`
  const text = expressionFor(format, key)
  return { text, note: `${formatName(format)} (${how})` }
}

function expressionFor(format: StringFormat, key: string): string {
  switch (format.kind) {
    case 'uuid':
      return 'uuid4()'
    case 'email':
      return 'faker.internet.email()'
    case 'url':
      return 'faker.internet.url()'
    case 'iso-time':
      return "datetime('iso')"
    case 'date':
      return "datetime('%Y-%m-%d')"
    case 'ipv4':
      return 'faker.internet.ipv4()'
    case 'prefixed': {
      const body = format.chars === 'digits' ? 'numeric' : 'alphanumeric'
      return `= ${exprString(format.prefix)} + faker.string.${body}(${format.length})`
    }
    case 'digits':
      return `faker.string.numeric(${format.length})`
    case 'token':
      return `faker.string.alphanumeric(${format.length})`
    case 'text':
      return (
        byName(key) ??
        (format.words > 1 ? `faker.lorem.words(${Math.min(format.words, 20)})` : 'faker.lorem.word()')
      )
  }
}

function formatName(format: StringFormat): string {
  switch (format.kind) {
    case 'prefixed':
      return `id with prefix ${format.prefix} and ${format.length} ${format.chars} characters`
    case 'digits':
      return `${format.length} digits`
    case 'token':
      return `${format.length}-character token`
    case 'text':
      return `free text, about ${format.words} word${format.words === 1 ? '' : 's'}`
    default:
      return format.kind
  }
}

// Free text whose key says what it is: the faker method that writes such values.
const BY_NAME: [RegExp, string][] = [
  [/^(full_?name|name|display_?name)$/i, 'faker.person.fullName()'],
  [/^first_?name$/i, 'faker.person.firstName()'],
  [/^last_?name$/i, 'faker.person.lastName()'],
  [/^(company|company_?name|organization)$/i, 'faker.company.name()'],
  [/^city$/i, 'faker.location.city()'],
  [/^country$/i, 'faker.location.country()'],
  [/^(phone|phone_?number)$/i, 'faker.phone.number()'],
  [/^user_?agent$/i, 'faker.internet.userAgent()'],
  [/^(user_?name|login|handle)$/i, 'faker.internet.username()'],
  [/^(address|street)$/i, 'faker.location.streetAddress()'],
]

function byName(key: string): string | undefined {
  return BY_NAME.find(([re]) => re.test(key))?.[1]
}
