import type { DocPath } from '../../diagnostics/diagnostic.ts'
import { quoteUser } from '../../diagnostics/user-text.ts'
import type { FileContext } from '../load/file-context.ts'
import { isPlainMap, own, type RawMap } from '../load/raw-values.ts'
import { parseRate, type RateField } from '../rate/parse-rate.ts'
import type { ActorDef, DataNode, PopularityDef, StateDef } from '../types.ts'
import { checkLifecycle } from './check-lifecycle.ts'
import { MAX_ACTOR_COUNT, MAX_ACTOR_TYPES, MAX_STATES } from './limits.ts'

/** Names an actor type cannot have: expressions read them as something else. */
const RESERVED = new Set(['prev', 'faker', 'visit', 'timestamp', 'index', 'org_id', 'source', 'event'])
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const ZIPF = /^\s*zipf\(\s*([0-9]+(?:\.[0-9]+)?)\s*\)\s*$/

/**
 * Builds the `actors:` of the main file (SPEC section 9): population, attributes, popularity
 * and lifecycle of each type, with a diagnostic at the place of every problem.
 */
export function parseActors(ctx: FileContext, root: RawMap): ActorDef[] {
  const raw = own(root, 'actors')
  if (!isPlainMap(raw)) return []
  const out: ActorDef[] = []
  const names = Object.keys(raw)
  if (names.length > MAX_ACTOR_TYPES) {
    ctx.err(
      'limit/actors',
      `A story may declare at most ${MAX_ACTOR_TYPES} actor types`,
      ['actors'],
      undefined,
      true,
    )
    return []
  }
  for (const name of names) {
    const def = raw[name]
    if (!isPlainMap(def)) continue
    const actor = parseActor(ctx, name, def, ['actors', name], out.length)
    if (actor) out.push(actor)
  }
  return out
}

function parseActor(
  ctx: FileContext,
  name: string,
  raw: RawMap,
  path: DocPath,
  index: number,
): ActorDef | undefined {
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
    ctx.err(
      'actor/invalid-name',
      `${quoteUser(name)} cannot name an actor type: expressions read it as ${RESERVED.has(name) ? 'a built-in name' : 'something else'}`,
      path,
      'Use a plain identifier such as `user`, `customer` or `device`',
      true,
    )
  }
  const count = own(raw, 'count')
  const arrivalsRaw = own(raw, 'arrivals')
  if ((count === undefined) === (arrivalsRaw === undefined)) {
    ctx.err(
      'actor/population',
      count === undefined
        ? `Actor type ${quoteUser(name)} needs \`count\` (all present at start) or \`arrivals\` (a rate)`
        : `Actor type ${quoteUser(name)} has both \`count\` and \`arrivals\`; set one`,
      path,
      'e.g. `count: 500` or `arrivals: { rate: 20/day }`',
      true,
    )
  }
  if (typeof count === 'number' && count > MAX_ACTOR_COUNT) {
    ctx.err(
      'limit/actors',
      `\`count\` ${count} is more than the ${MAX_ACTOR_COUNT.toLocaleString('en')} actors a type may start with`,
      [...path, 'count'],
      'Use `arrivals:` for larger populations: arriving actors stream',
    )
  }
  const arrivals = isPlainMap(arrivalsRaw)
    ? parseArrivals(ctx, arrivalsRaw, [...path, 'arrivals'])
    : undefined
  const attrsRaw = own(raw, 'attributes')
  const attributes = (
    isPlainMap(attrsRaw)
      ? ctx.dataNode(attrsRaw, [...path, 'attributes'])
      : { kind: 'map', entries: [], span: ctx.loc(path).value, file: ctx.file, path: [...path, 'attributes'] }
  ) as DataNode & { kind: 'map' }
  const popularity = parsePopularity(ctx, own(raw, 'popularity'), [...path, 'popularity'])
  const lifecycle = own(raw, 'lifecycle')
  if (!isPlainMap(lifecycle)) return undefined
  const start = own(lifecycle, 'start')
  const statesRaw = own(lifecycle, 'states')
  if (typeof start !== 'string' || !isPlainMap(statesRaw)) return undefined
  const stateNames = Object.keys(statesRaw)
  if (stateNames.length > MAX_STATES) {
    ctx.err(
      'limit/actors',
      `A lifecycle may have at most ${MAX_STATES} states`,
      [...path, 'lifecycle', 'states'],
      undefined,
      true,
    )
    return undefined
  }
  const states = stateNames.map((s) => parseState(ctx, s, statesRaw[s], [...path, 'lifecycle', 'states', s]))
  const actor: ActorDef = {
    index,
    name,
    count: typeof count === 'number' ? count : undefined,
    arrivals,
    attributes,
    popularity,
    start,
    states,
    file: ctx.file,
    span: ctx.loc(path).key ?? ctx.loc(path).value,
    path,
  }
  checkLifecycle(ctx, actor)
  // Kept even with errors (the story is then not runnable): its events still find their actor type.
  return actor
}

function parseArrivals(ctx: FileContext, raw: RawMap, path: DocPath) {
  const field = (key: string): RateField | undefined => {
    const value = own(raw, key)
    if (value === undefined) return undefined
    const p = [...path, key]
    return { value, file: ctx.file, path: p, span: (sub = []) => ctx.loc([...p, ...sub]).value }
  }
  if (own(raw, 'rate') === undefined) {
    ctx.err('story/missing-key', '`arrivals` needs a `rate`, e.g. `rate: 20/day`', path, undefined, true)
    return undefined
  }
  return parseRate(field, ctx.out)
}

function parsePopularity(ctx: FileContext, value: unknown, path: DocPath): PopularityDef | undefined {
  if (typeof value !== 'string') return undefined
  const span = ctx.loc(path).value
  const m = ZIPF.exec(value)
  if (m) {
    const s = Number(m[1])
    if (!(s > 0 && s <= 10)) {
      ctx.err('actor/popularity', '`zipf(s)` needs an exponent s in (0, 10]', path, 'e.g. `zipf(1.2)`')
      return undefined
    }
    return { kind: 'zipf', s, span }
  }
  if (/^\s*zipf\b/.test(value)) {
    ctx.err(
      'actor/popularity',
      '`popularity: zipf(s)` takes one number, the exponent',
      path,
      'e.g. `zipf(1.2)`',
    )
    return undefined
  }
  const option = ctx.option(value, path)
  return option ? { kind: 'weight', value: option, span } : undefined
}

function parseState(ctx: FileContext, name: string, raw: unknown, path: DocPath): StateDef {
  const map = isPlainMap(raw) ? raw : {}
  const nextRaw = own(map, 'next')
  const next: StateDef['next'] = []
  if (isPlainMap(nextRaw)) {
    for (const target of Object.keys(nextRaw)) {
      const p = [...path, 'next', target]
      const value = nextRaw[target]
      const weight = ctx.option(value, p)
      if (!weight) continue
      if (
        weight.kind === 'literal' &&
        (typeof weight.value !== 'number' || !(weight.value >= 0) || !Number.isFinite(weight.value))
      ) {
        ctx.err(
          'actor/negative-weight',
          `The weight of ${quoteUser(target)} must be a number 0 or more`,
          p,
          'Weights are normalised: `{ active: 0.6, gone: 0.4 }` or `{ active: 3, gone: 2 }`',
        )
        continue
      }
      const l = ctx.loc(p)
      next.push({ target, weight, span: l.key ?? l.value, path: p })
    }
  }
  const after =
    own(map, 'after') === undefined ? undefined : ctx.option(own(map, 'after'), [...path, 'after'])
  const l = ctx.loc(path)
  return { name, next, after, final: next.length === 0, span: l.key ?? l.value, path }
}
