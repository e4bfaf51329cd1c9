import { allLocales, type LocaleDefinition } from '@faker-js/faker'

const LOCALES = allLocales as Record<string, LocaleDefinition>

/**
 * The faker-js name of a story `locale:` value, or undefined when faker has no such locale: the
 * one locale rule of the engine (the loader's check and the faker bridge both use it). `-` and
 * `_` both separate language and region, and case is normalised (`en-US`, `en_us`, `pt-BR` are
 * `en_US`, `en_US`, `pt_BR`); a region faker has no data for falls back to its language
 * (`de_DE` is `de`).
 */
export function normalizeLocale(locale: string): string | undefined {
  if (locale.length === 0 || locale.length > 32) return undefined
  const [lang, ...rest] = locale.split(/[-_]/)
  const name = [lang.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('_')
  if (Object.hasOwn(LOCALES, name)) return name
  // A region faker has no data for (`de_DE`): the language's data, when faker has the language.
  const wellFormed = rest.length > 0 && rest.every((r) => /^[A-Za-z]{2,8}$|^\d{3}$/.test(r))
  return wellFormed && Object.hasOwn(LOCALES, lang.toLowerCase()) ? lang.toLowerCase() : undefined
}

/** True when @faker-js/faker has this locale (e.g. `en`, `en-US`, `de_DE`, `pt_BR`). */
export function isKnownLocale(locale: string): boolean {
  return normalizeLocale(locale) !== undefined
}

/** The faker-js locale definitions for a story locale, most specific first, then `en` and `base`; undefined when unknown. */
export function localeChain(locale: string): LocaleDefinition[] | undefined {
  const name = normalizeLocale(locale)
  if (name === undefined) return undefined
  const chain: LocaleDefinition[] = []
  for (const n of [name, name.split('_')[0], 'en', 'base']) {
    if (Object.hasOwn(LOCALES, n) && !chain.includes(LOCALES[n])) chain.push(LOCALES[n])
  }
  return chain
}
