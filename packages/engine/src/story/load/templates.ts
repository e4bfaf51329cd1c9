import type { DocPath } from '../../diagnostics/diagnostic.ts'
import { quoteUser, truncateUser } from '../../diagnostics/user-text.ts'
import { MAX_TEMPLATE_DEPTH } from '../limits.ts'
import type { DataNode } from '../types.ts'
import type { FileContext } from './file-context.ts'
import type { MergedParts, RawPart } from './merged-parts.ts'
import { suggestion } from './messages.ts'
import { own, type RawMap } from './raw-values.ts'
import { BUILTIN_TEMPLATE_NAMES, joinVendorPack } from './vendor-packs.ts'

type DataMap = DataNode & { kind: 'map' }

/** Follows `use:` from an event through templates (which may `use` others); undefined on an error. */
export function templateChain(
  ctx: FileContext,
  raw: RawMap,
  path: DocPath,
  merged: MergedParts,
): RawPart[] | undefined {
  const chain: RawPart[] = []
  const seen = new Set<RawPart>()
  let use = own(raw, 'use')
  let from: { ctx: FileContext; path: DocPath } = { ctx, path }
  while (typeof use === 'string') {
    let template = merged.templates.get(use)
    // Vendor packs: the first `use:` of a built-in `<vendor>/<event>` joins its pack.
    if (!template && joinVendorPack(use, merged, ctx.out)) template = merged.templates.get(use)
    if (!template) {
      from.ctx.err(
        'story/unknown-template',
        `Unknown template ${quoteUser(use)}`,
        [...from.path, 'use'],
        suggestion(
          from.ctx.out,
          use,
          [...merged.templates.keys(), ...BUILTIN_TEMPLATE_NAMES],
          'Define it under `templates:`',
        ),
      )
      return undefined
    }
    if (seen.has(template)) {
      const names = [...chain.map((t) => String(t.path[1])), use].map((n) => truncateUser(n, 40))
      const shown = names.length > 12 ? [...names.slice(0, 6), '…', ...names.slice(-5)] : names
      from.ctx.err(
        'story/template-cycle',
        `Templates use each other in a cycle: ${shown.join(' -> ')}`,
        [...from.path, 'use'],
        'Remove one of the `use:` keys',
      )
      return undefined
    }
    if (chain.length >= MAX_TEMPLATE_DEPTH) {
      from.ctx.err(
        'limit/depth',
        `Templates build on each other more than ${MAX_TEMPLATE_DEPTH} deep (through \`use:\`)`,
        [...from.path, 'use'],
        'Flatten the chain: let a template repeat the keys of the one it uses',
      )
      return undefined
    }
    seen.add(template)
    chain.push(template)
    use = own(template.raw, 'use')
    from = template
  }
  return chain
}

/** `data` of the event deep-merged over its templates' `data` (the nearer one wins, key by key). */
export function mergeData(ctx: FileContext, raw: RawMap, path: DocPath, chain: RawPart[]): DataMap {
  const own_ = ctx.dataNode(own(raw, 'data') ?? {}, [...path, 'data'])
  let merged: DataMap =
    own_.kind === 'map'
      ? own_
      : { kind: 'map', entries: [], span: own_.span, file: ctx.file, path: [...path, 'data'] }
  for (const t of chain) {
    const data = own(t.raw, 'data')
    if (data === undefined) continue
    const base = t.ctx.dataNode(data, [...t.path, 'data'])
    if (base.kind === 'map') merged = mergeMaps(base, merged)
  }
  return merged
}

/** `over` deep-merged onto `base`: base's key order, then over's new keys; maps merge key by key. */
function mergeMaps(base: DataMap, over: DataMap): DataMap {
  const overByKey = new Map(over.entries.map((e) => [e.key, e]))
  const baseKeys = new Set<string>()
  const entries = base.entries.map((e) => {
    baseKeys.add(e.key)
    const o = overByKey.get(e.key)
    if (!o) return e
    if (e.value.kind === 'map' && o.value.kind === 'map') return { ...o, value: mergeMaps(e.value, o.value) }
    return o
  })
  for (const o of over.entries) if (!baseKeys.has(o.key)) entries.push(o)
  return { ...over, entries }
}
