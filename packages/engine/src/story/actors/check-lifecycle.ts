import { quoteUser } from '../../diagnostics/user-text.ts'
import type { FileContext } from '../load/file-context.ts'
import { suggestion } from '../load/messages.ts'
import type { ActorDef, StateDef } from '../types.ts'

/**
 * The structural checks of one lifecycle: `start` and every `next` target name a state;
 * every state is reachable from `start` (else a warning); and no group of states without
 * `after` only leads back into itself, which would loop forever at one instant.
 */
export function checkLifecycle(ctx: FileContext, actor: ActorDef): void {
  const byName = new Map(actor.states.map((s) => [s.name, s]))
  const lifecycle = [...actor.path, 'lifecycle']
  if (!byName.has(actor.start)) {
    ctx.err(
      'actor/unknown-state',
      `\`start\` names unknown state ${quoteUser(actor.start)}`,
      [...lifecycle, 'start'],
      suggestion(ctx.out, actor.start, byName.keys()),
    )
  }
  for (const s of actor.states) {
    for (const n of s.next) {
      if (byName.has(n.target)) continue
      ctx.err(
        'actor/unknown-state',
        `${quoteUser(s.name)} goes to unknown state ${quoteUser(n.target)}`,
        n.path,
        suggestion(ctx.out, n.target, byName.keys()),
        true,
      )
    }
  }
  const start = byName.get(actor.start)
  if (!start) return
  const reached = new Set<StateDef>([start])
  const queue = [start]
  while (queue.length) {
    const s = queue.pop()!
    for (const n of s.next) {
      const t = byName.get(n.target)
      if (t && !reached.has(t)) {
        reached.add(t)
        queue.push(t)
      }
    }
  }
  for (const s of actor.states) {
    if (!reached.has(s))
      ctx.warn(
        'actor/unreachable-state',
        `State ${quoteUser(s.name)} of ${quoteUser(actor.name)} cannot be reached from \`start\``,
        s.path,
        'Add it to some `next`, or remove it',
      )
  }
  for (const loop of closedInstantLoops(actor.states, byName)) {
    ctx.err(
      'actor/zero-time-loop',
      `States ${loop.map((s) => quoteUser(s.name)).join(', ')} lead only to each other and none has \`after\`: an actor would loop forever at one instant`,
      loop[0].path,
      'Give one of them an `after:` dwell time, or a way out to a final state',
      true,
    )
  }
}

/** A state left at once: no `after`, or a literal zero. */
function instant(s: StateDef): boolean {
  return s.after === undefined || (s.after.kind === 'literal' && s.after.value === 0)
}

/**
 * Strongly connected groups of instant, non-final states (Tarjan) that loop and have no edge
 * out of the group: once entered, an actor never leaves them and time never moves.
 */
function closedInstantLoops(
  states: readonly StateDef[],
  byName: ReadonlyMap<string, StateDef>,
): StateDef[][] {
  const nodes = states.filter((s) => !s.final && instant(s))
  const inGraph = new Set(nodes)
  const order = new Map<StateDef, number>()
  const low = new Map<StateDef, number>()
  const onStack = new Set<StateDef>()
  const stack: StateDef[] = []
  const out: StateDef[][] = []
  let counter = 0
  const targets = (s: StateDef) =>
    s.next.map((n) => byName.get(n.target)).filter((t): t is StateDef => t !== undefined && inGraph.has(t))
  for (const root of nodes) {
    if (order.has(root)) continue
    // Iterative Tarjan: a frame is a state and the index of its next edge to visit.
    const frames: { s: StateDef; i: number; ts: StateDef[] }[] = [{ s: root, i: 0, ts: targets(root) }]
    order.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (frames.length) {
      const f = frames[frames.length - 1]
      if (f.i < f.ts.length) {
        const t = f.ts[f.i++]
        if (!order.has(t)) {
          order.set(t, counter)
          low.set(t, counter++)
          stack.push(t)
          onStack.add(t)
          frames.push({ s: t, i: 0, ts: targets(t) })
        } else if (onStack.has(t)) low.set(f.s, Math.min(low.get(f.s)!, order.get(t)!))
        continue
      }
      frames.pop()
      if (frames.length) {
        const parent = frames[frames.length - 1].s
        low.set(parent, Math.min(low.get(parent)!, low.get(f.s)!))
      }
      if (low.get(f.s) !== order.get(f.s)) continue
      const group: StateDef[] = []
      let x: StateDef
      do {
        x = stack.pop()!
        onStack.delete(x)
        group.push(x)
      } while (x !== f.s)
      const members = new Set(group)
      const loops = group.length > 1 || group[0].next.some((n) => n.target === group[0].name)
      const closed = group.every((s) => s.next.every((n) => members.has(byName.get(n.target)!)))
      if (loops && closed) out.push(group.reverse())
    }
  }
  return out
}
