import type { DocPath } from '../diagnostics/diagnostic.ts'
import type { ActorDef, DataEntry, DataNode, EventDef, OptionValue, Story } from '../story/types.ts'
import type { ActorProgram, StateProgram } from './actor-program.ts'
import { type CompiledDefParts, compileDef, type StoryCompileEnv } from './compile-def.ts'
import type { DefProgram } from './compiled.ts'

/** Which actor type each definition runs under: `on:` one of its states, or a funnel (`after:`) under such a definition. */
export function actorOfDefs(story: Story): (string | undefined)[] {
  const names = new Set((story.actors ?? []).map((a) => a.name))
  const ids = new Map(story.events.map((e) => [e.id, e]))
  // Memoised per definition: a 20,000-step funnel chain is walked once, not once per step.
  const known = new Map<EventDef, string | undefined>()
  return story.events.map((def) => {
    // Walk up the funnel to a definition already known, an `on:`, or the root (a loop is a load error).
    const chain: EventDef[] = []
    const seen = new Set<EventDef>()
    let found: string | undefined
    for (
      let d: EventDef | undefined = def;
      d && !seen.has(d);
      d = d.after === undefined ? undefined : ids.get(d.after)
    ) {
      if (known.has(d)) {
        found = known.get(d)
        break
      }
      seen.add(d)
      chain.push(d)
      if (d.on) {
        found = names.has(d.on.actor) ? d.on.actor : undefined
        break
      }
    }
    for (const d of chain) known.set(d, found)
    return found
  })
}

/** Compiles every actor type: attributes, popularity, and per state its weights and dwell time. */
export function compileActors(story: Story, env: StoryCompileEnv): ActorProgram[] {
  return (story.actors ?? []).map((actor) => {
    const stateIndex = new Map(actor.states.map((s, i) => [s.name, i]))
    const attributes = program(
      compileDef(pseudoDef(actor, 'attributes', actor.attributes), env, actor.name),
      actor,
      'attributes',
      actor.attributes,
    )
    const pop = actor.popularity
    let popularity: ActorProgram['popularity']
    if (pop?.kind === 'zipf') popularity = { zipf: pop.s }
    else if (pop?.kind === 'weight') {
      const data = mapNode([entry('weight', pop.value, [...actor.path, 'popularity'], actor.file)], actor, [
        ...actor.path,
        'popularity',
      ])
      const def = pseudoDef(actor, 'popularity', data)
      popularity = { weight: program(compileDef(def, env, actor.name), actor, 'popularity', data) }
    }
    const states: StateProgram[] = actor.states.map((s) => {
      const data = mapNode(
        s.next.map((n) => entry(n.target, n.weight, n.path, actor.file)),
        actor,
        [...s.path, 'next'],
      )
      const def = pseudoDef(actor, `state:${s.name}`, data, s.after)
      return {
        name: s.name,
        final: s.final,
        targets: s.next.map((n) => stateIndex.get(n.target) ?? -1),
        step: program(compileDef(def, env, actor.name), actor, `state:${s.name}`, data, s.after),
        events: story.events
          .filter((e) => e.on?.actor === actor.name && e.on.state === s.name)
          .map((e) => e.index),
      }
    })
    return { def: actor, attributes, popularity, start: stateIndex.get(actor.start) ?? -1, states }
  })
}

/** A definition that exists only to compile an actor's expressions (it never emits events). */
function pseudoDef(
  actor: ActorDef,
  id: string,
  data: DataNode & { kind: 'map' },
  delay?: OptionValue,
): EventDef {
  return {
    index: -1,
    id: `${actor.name}:${id}`,
    source: actor.name,
    event: id,
    offsetDays: 0,
    repeat: 1,
    probability: 1,
    delay,
    data,
    file: actor.file,
    span: actor.span,
    keySpans: Object.create(null),
    path: data.path,
  }
}

function program(
  p: CompiledDefParts,
  actor: ActorDef,
  id: string,
  data: DataNode & { kind: 'map' },
  delay?: OptionValue,
): DefProgram {
  return {
    def: pseudoDef(actor, id, data, delay),
    fields: p.fields,
    order: p.order,
    delay: p.delay,
    keptFields: [],
    refTargets: [],
    lookupTargets: [],
    compileExpression: p.compileExpression,
  }
}

function mapNode(entries: DataEntry[], actor: ActorDef, path: DocPath): DataNode & { kind: 'map' } {
  return { kind: 'map', entries, span: actor.span, file: actor.file, path }
}

/** A `next` weight (or the popularity weight) as a data entry: a number, or an expression string. */
function entry(key: string, v: OptionValue, path: DocPath, file: string): DataEntry {
  if (v.kind === 'expr') {
    const s = v.source
    return {
      key,
      keySpan: s.span,
      value: { kind: 'string', value: s, span: s.span, file: s.file, path: s.path },
    }
  }
  const value = typeof v.value === 'number' || typeof v.value === 'boolean' ? v.value : null
  return { key, keySpan: v.span, value: { kind: 'literal', value, span: v.span, file, path } }
}
