import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import { hashString, Rng } from '../runtime/rng.ts'
import type { OccurrenceScope, RefResolver } from '../runtime/scope.ts'
import type { Duration } from '../schedule/duration.ts'
import type { Story } from '../story/types.ts'
import { actorOfDefs, compileActors } from './compile-actors.ts'
import { type CompiledDefParts, compileDef, type StoryCompileEnv } from './compile-def.ts'
import type { DefProgram, StoryProgram } from './compiled.ts'
import { DefFrame } from './def-frame.ts'
import { FakerLink } from './eval-context.ts'
import { RuntimeIssues } from './runtime-issues.ts'

export { parseIsoDuration } from './iso-duration.ts'

const NO_REFS: RefResolver = { ref: () => undefined, lookup: () => undefined }

/**
 * Checks and compiles every expression of a story: data fields, `when`, `offset`, `delay`,
 * `jitter`, `every`. All problems come back at once as diagnostics with file spans; the
 * program is returned even then (fields with errors resolve to null). The program is
 * immutable: run it with `createRunFrame` (generation does), as often as needed.
 */
export function compileStory(story: Story): { program: StoryProgram; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const events = new Map<string, number>()
  for (const d of story.events) if (!events.has(d.id)) events.set(d.id, d.index)
  const fieldSets = story.events.map((d) => new Set(d.data.entries.map((e) => e.key)))
  const byIndex = new Map(story.events.map((d, i) => [d.index, i]))
  const empty: ReadonlySet<string> = new Set()
  // actors (issue 16): attribute names per type, and the actor type each definition runs under.
  const actorDefs = story.actors ?? []
  const actorOf = actorOfDefs(story)
  const env: StoryCompileEnv = {
    story,
    events,
    fieldsOf: (def) => fieldSets[byIndex.get(def) ?? -1] ?? empty,
    faker: new FakerLink(story.locale),
    diagnostics,
    actors: new Map(actorDefs.map((a) => [a.name, new Set(a.attributes.entries.map((e) => e.key))])),
    actorTypes: new Map(actorDefs.map((a, i) => [a.name, i])),
    actorOf: (def) => actorOf[byIndex.get(def) ?? -1],
  }
  const kept = story.events.map(() => new Set<string>())
  const parts: CompiledDefParts[] = []
  const targets: { ref: number[]; lookup: number[] }[] = []
  const every: (Duration | undefined)[] = []
  for (let di = 0; di < story.events.length; di++) {
    const def = story.events[di]
    const p = compileDef(def, env)
    parts.push(p)
    const refs = new Set<number>()
    const lookups = new Set<number>()
    for (const u of p.uses) {
      for (const field of u.prev.keys()) kept[di].add(field)
      for (const r of u.refs) {
        if (r.via === 'ref') refs.add(r.def)
        else lookups.add(r.def)
        if (r.envelope) continue
        const target = byIndex.get(r.def)
        if (target !== undefined) kept[target].add(r.field)
      }
    }
    targets.push({ ref: [...refs], lookup: [...lookups] })
    every.push(p.every && def.every ? evaluateEvery(story, di, p, env) : undefined)
  }
  const defs: DefProgram[] = parts.map((p, i) => ({
    def: story.events[i],
    fields: p.fields,
    order: p.order,
    when: p.when,
    offset: p.offset,
    delay: p.delay,
    jitter: p.jitter,
    every: every[i],
    keptFields: [...kept[i]],
    refTargets: targets[i].ref,
    lookupTargets: targets[i].lookup,
    compileExpression: p.compileExpression,
  }))
  const actors = compileActors(story, env)
  const program: StoryProgram = { story, defs, faker: env.faker, actors }
  return { program, diagnostics }
}

/**
 * `every:` is evaluated once, before any run: from the story's own seed, occurrence 0, in a
 * scratch frame of its own. A problem evaluating it, or a duration that is not positive and
 * finite, is an error of the story.
 */
function evaluateEvery(
  story: Story,
  di: number,
  p: CompiledDefParts,
  env: StoryCompileEnv,
): Duration | undefined {
  const diagnostics = env.diagnostics
  const plan = p.every!
  const def = story.events[di]
  const issues = new RuntimeIssues()
  const scratch: DefProgram = {
    def,
    fields: p.fields,
    order: p.order,
    keptFields: [],
    refTargets: [],
    lookupTargets: [],
    compileExpression: p.compileExpression,
  }
  const frame = new DefFrame(scratch, issues, env.faker.used ? env.faker.bind() : null)
  const scope: OccurrenceScope = {
    rng: new Rng(story.seed, hashString(def.id), 0),
    index: 0,
    timeMs: 0,
    timezone: story.timezone,
    prev: null,
    parent: null,
    refs: NO_REFS,
    provenance: null,
  }
  const d = frame.evaluateOnce(plan.evaluate, plan.site, 'every', scope)
  const site = plan.site
  const bad = issues.toDiagnostics().filter((x) => x.path.join('.') === site.path.join('.'))
  if (bad.length) {
    diagnostics.push(...bad.map((x) => ({ ...x, severity: 'error' as const, count: undefined })))
    return undefined
  }
  if (!Number.isFinite(d.approxMs)) {
    diagnostics.push(
      error(
        'schedule/not-finite',
        '`every` is not a finite duration (NaN or Infinity)',
        site.file,
        site.span,
        site.path,
      ),
    )
    return undefined
  }
  if (d.approxMs < 1) {
    // Timestamps have millisecond resolution: a shorter step would stand still.
    diagnostics.push(
      error(
        'schedule/non-positive-every',
        '`every` must be a positive duration of at least one millisecond',
        site.file,
        site.span,
        site.path,
      ),
    )
    return undefined
  }
  return d
}
