/** Expression sandbox escapes: reaching for code, globals or prototypes must stay `expr/unsafe` (or not exist). */
import type { HostileCase } from '../types.ts'
import { field } from './story.ts'

const UNSAFE: [string, string][] = [
  ['constructor', '=constructor'],
  ['member-constructor', '=x.constructor'],
  ['proto', '=__proto__'],
  ['member-proto', '=prev.__proto__'],
  ['globalthis', '=globalThis'],
  ['process-env', '=process.env.HOME'],
  ['string-constructor', "='a'.constructor"],
  ['list-constructor', '=[1].constructor'],
  ['faker-constructor', '=faker.constructor'],
  ['function-from-string', "=prev.constructor.constructor('return process')()"],
  ['index-constructor', "=prev['constructor']"],
  ['index-proto', "=({'a': 1})['__proto__']"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a story template, not a JS one
  ['template-constructor', '${constructor}'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a story template, not a JS one
  ['template-globalthis', '${globalThis.process}'],
  ['method-call', "='abc'.toString()"],
  ['prototype-member', '=faker.person.prototype'],
  ['faker-internal', '=faker._randomizer'],
]

const UNKNOWN: [string, string][] = [
  ['import', "=import('node:fs')"],
  ['require', "=require('fs')"],
  ['eval', "=eval('1+1')"],
  ['function-ctor', "=Function('return 1')()"],
  ['settimeout', '=setTimeout(1)'],
  ['this', '=this'],
]

/** Expressions that must be refused before anything runs. */
export const SANDBOX_CASES: HostileCase[] = [
  ...UNSAFE.map(
    ([id, expr]): HostileCase => ({
      id: `sandbox/${id}`,
      class: 'sandbox',
      title: `${expr} is refused`,
      entry: { kind: 'stream', story: field(expr) },
      expect: {
        anyCode: ['expr/unsafe', 'expr/unknown-name', 'expr/unknown-faker', 'expr/syntax'],
        lacks: ['/root', 'PATH='],
      },
      maxMs: 3000,
      maxMiB: 300,
      owner: 'expr',
    }),
  ),
  ...UNKNOWN.map(
    ([id, expr]): HostileCase => ({
      id: `sandbox/${id}`,
      class: 'sandbox',
      title: `${expr} names nothing the language has`,
      entry: { kind: 'check', story: field(expr) },
      expect: { anyCode: ['expr/unsafe', 'expr/unknown-function', 'expr/unknown-name', 'expr/syntax'] },
      maxMs: 3000,
      maxMiB: 300,
      owner: 'expr',
    }),
  ),
]
