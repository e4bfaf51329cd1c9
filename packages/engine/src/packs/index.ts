import { githubPack } from './github-pack.ts'
import type { Pack } from './pack.ts'
import { packYaml } from './pack.ts'
import { pagerdutyPack } from './pagerduty-pack.ts'
import { posthogPack } from './posthog-pack.ts'
import { segmentPack } from './segment-pack.ts'
import { stripePack } from './stripe-pack.ts'

export type { Pack, PackTemplate } from './pack.ts'
export { STRIPE_API_VERSION } from './stripe-common.ts'

/** Every built-in vendor pack. */
export const PACKS: readonly Pack[] = [stripePack, githubPack, segmentPack, posthogPack, pagerdutyPack]

const byTemplate = new Map<string, Pack>()
for (const pack of PACKS) for (const t of pack.templates) byTemplate.set(t.name, pack)

/** Every built-in template (`stripe/invoice.paid`, ...) with its one-line doc, for docs and autocomplete. */
export const BUILTIN_TEMPLATES: readonly { name: string; doc: string; reads: string[] }[] = PACKS.flatMap(
  (p) => p.templates.map((t) => ({ name: t.name, doc: t.doc, reads: t.reads })),
)

const texts = new Map<Pack, string>()

/**
 * The built-in pack that holds template `name`, as a story file to join (its YAML text is built
 * once); undefined when `name` is not a built-in template.
 */
export function builtinPack(name: string): { file: string; text: string } | undefined {
  const pack = byTemplate.get(name)
  if (!pack) return undefined
  let text = texts.get(pack)
  if (text === undefined) texts.set(pack, (text = packYaml(pack)))
  return { file: pack.file, text }
}
