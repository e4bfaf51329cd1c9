/** Binds the worker host to the real engine (kept apart from host.ts so the host's tests need no full engine). */
import { faker } from '@faker-js/faker'
import { BUILTINS, checkStory, storyJsonSchema, streamStory } from '../index.ts'
import type { EngineApi, HostRun } from './host.ts'

/** The real engine behind the protocol. */
export function realEngineApi(): EngineApi {
  return {
    checkStory: (text, options) => checkStory(text, options),
    streamStory: (text, options) => streamStory(text, options) as unknown as HostRun,
    catalog: () => ({
      builtins: BUILTINS.map((b) => ({ ...b })),
      fakerPaths: fakerPaths(),
      storySchema: storyJsonSchema(),
    }),
  }
}

let cachedPaths: string[] | undefined

/** Every `module.method` of faker-js (what `faker.<path>()` may name), sorted. */
export function fakerPaths(): string[] {
  if (cachedPaths) return cachedPaths
  const out: string[] = []
  for (const moduleName of Object.keys(faker)) {
    if (moduleName.startsWith('_') || moduleName === 'fakerCore') continue
    const mod = (faker as unknown as Record<string, unknown>)[moduleName]
    if (!mod || typeof mod !== 'object') continue
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(mod))) {
      if (name === 'constructor' || name.startsWith('_')) continue
      if (typeof (mod as Record<string, unknown>)[name] === 'function') out.push(`${moduleName}.${name}`)
    }
  }
  cachedPaths = out.sort()
  return cachedPaths
}
