import type { ValueType } from './values.ts'

/**
 * Context values every expression can read by name. A bare name (`event`) is a sibling field
 * when the event has one; the `$` form (`$event`) is always the context value, so a payload
 * field named `event` or `timestamp` can still be filled from it (`event: = $event`).
 */
export const CONTEXT_NAMES: Record<string, ValueType> = {
  timestamp: 'time',
  index: 'number',
  org_id: 'string',
  source: 'string',
  event: 'string',
  $timestamp: 'time',
  $index: 'number',
  $org_id: 'string',
  $source: 'string',
  $event: 'string',
}

/** The context value a name reads (`$event` -> `event`); the name itself when it has no `$` form. */
export function contextName(name: string): string {
  return name.charCodeAt(0) === 36 && Object.hasOwn(CONTEXT_NAMES, name) ? name.slice(1) : name
}

/**
 * Envelope fields of a referenced occurrence: `ref(signup.timestamp)` reads the occurrence's
 * time when `signup` has no data field `timestamp` (same for `id` and `index`, and `lookup`).
 */
export const ENVELOPE_FIELDS: Record<'timestamp' | 'id' | 'index', ValueType> = {
  timestamp: 'time',
  id: 'string',
  index: 'number',
}

/** Member names that are never data: reading them is how sandbox escapes start. */
export const UNSAFE_MEMBERS = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  'caller',
  'callee',
  'arguments',
  'call',
  'apply',
  'bind',
  'then',
])

/** Global names of JS hosts; they do not exist in the language, and the checker says so plainly. */
export const UNSAFE_NAMES = new Set([
  'this',
  'globalThis',
  'global',
  'window',
  'self',
  'document',
  'process',
  'require',
  'module',
  'exports',
  'import',
  'eval',
  'Function',
  'Object',
  'Reflect',
  'Proxy',
  'Symbol',
  'constructor',
  'prototype',
  '__proto__',
  'arguments',
  'Math',
  'Date',
  'JSON',
  'fetch',
  'setTimeout',
  'setInterval',
])
