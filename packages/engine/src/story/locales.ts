import { allLocales } from '@faker-js/faker'

/** True when @faker-js/faker has this locale (e.g. `en`, `de`, `pt_BR`). */
export function isKnownLocale(locale: string): boolean {
  return Object.hasOwn(allLocales, locale)
}
