import { CHOICE_BUILTINS as C } from './choice.ts'
import { NUMBER_BUILTINS as N } from './numbers.ts'
import { RANDOM_BUILTINS as R } from './random.ts'
import { REF_BUILTINS as F } from './refs.ts'
import { TEXT_BUILTINS as S } from './text.ts'
import { CALENDAR_BUILTINS, TIME_BUILTINS as T } from './time.ts'
import type { Builtin } from './types.ts'

/**
 * Every function of the expression language, in documentation order: the one registry the
 * checker, the compiler, docs/generators.md and the studio's completion read.
 */
export const BUILTINS: readonly Builtin[] = [
  R.random,
  R.gaussian,
  T.datetime,
  T.duration,
  T.seconds_between,
  R.uuid4,
  C.choice,
  C.weighted,
  C.switch,
  F.ref,
  F.lookup,
  N.int,
  N.float,
  S.str,
  R.bool,
  N.round,
  N.fixed,
  N.min,
  N.max,
  N.abs,
  N.floor,
  N.ceil,
  S.len,
  S.upper,
  S.lower,
  R.poisson,
  R.exponential,
  R.lognormal,
  ...CALENDAR_BUILTINS,
]

const BY_NAME = new Map(BUILTINS.map((b) => [b.name, b]))

/** Looks up a builtin by name. */
export function getBuiltin(name: string): Builtin | undefined {
  return BY_NAME.get(name)
}

/** The names of all builtins plus `faker`, for did-you-mean and autocomplete. */
export function builtinNames(): string[] {
  return [...BY_NAME.keys()]
}

/** A builtin as plain data (no functions): safe to post to a worker, for completion and hover. */
export interface BuiltinInfo {
  name: string
  signature: string
  /** The summary, as the guide shows it. */
  doc: string
  /** The first example, as written in a story. */
  example?: string
  params: { name: string; type: string; doc: string; optional: boolean; keywordOnly: boolean }[]
  returns: string
  random: boolean
}

/** Every builtin as plain data (what the studio's autocomplete and hover show). */
export function builtinDocs(): BuiltinInfo[] {
  return BUILTINS.map((b) => ({
    name: b.name,
    signature: b.signature,
    doc: b.summary,
    example: b.examples[0]?.expression,
    params: b.params.map((p) => ({
      name: p.name,
      type: p.types === 'any' ? 'any' : p.types.join(' | '),
      doc: p.doc,
      optional: Boolean(p.optional || p.rest),
      keywordOnly: Boolean(p.keywordOnly),
    })),
    returns: b.returnsDoc,
    random: b.random,
  }))
}
