import { ExprRuntimeError, isPlainMap, toText, typeOf } from '../values.ts'
import { STR } from './args.ts'
import type { Builtin } from './types.ts'

/** Text: conversion, length, case. */
export const TEXT_BUILTINS: Record<string, Builtin> = {
  str: {
    name: 'str',
    signature: 'str(x)',
    summary:
      'Converts to text, as a template would (null is empty, maps and lists are JSON, times are ISO 8601).',
    params: [{ name: 'x', types: 'any', doc: 'the value' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: 'str(42)' }, { expression: 'str(duration(minutes=90))' }],
    impl: (_c, [x]) => toText(x),
  },
  len: {
    name: 'len',
    signature: 'len(x)',
    summary: 'The length of a string or list, or the number of keys of a map.',
    params: [{ name: 'x', types: ['string', 'list', 'map'], doc: 'the value' }],
    returns: 'number',
    returnsDoc: 'an integer',
    random: false,
    examples: [{ expression: "len('hello')" }, { expression: 'len([1, 2, 3])' }],
    impl: (_c, [x], site) => {
      if (typeof x === 'string' || Array.isArray(x)) return x.length
      if (isPlainMap(x)) return Object.keys(x).length
      throw new ExprRuntimeError('runtime/type-error', `len() of a ${typeOf(x)}`, site.span)
    },
  },
  upper: {
    name: 'upper',
    signature: 'upper(s)',
    summary: 'Upper-cases text.',
    params: [{ name: 's', types: STR, doc: 'the text' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: "upper('pro')" }],
    impl: (_c, [s], site) => {
      if (typeof s !== 'string')
        throw new ExprRuntimeError('runtime/type-error', `upper() of a ${typeOf(s)}`, site.span)
      return s.toUpperCase()
    },
  },
  lower: {
    name: 'lower',
    signature: 'lower(s)',
    summary: 'Lower-cases text.',
    params: [{ name: 's', types: STR, doc: 'the text' }],
    returns: 'string',
    returnsDoc: 'a string',
    random: false,
    examples: [{ expression: "lower('Hello')" }],
    impl: (_c, [s], site) => {
      if (typeof s !== 'string')
        throw new ExprRuntimeError('runtime/type-error', `lower() of a ${typeOf(s)}`, site.span)
      return s.toLowerCase()
    },
  },
}
