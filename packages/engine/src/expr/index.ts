export { isKnownLocale as isFakerLocale } from '../story/locales.ts'
export type { BinaryOp, Expr, ExprOf, KeywordArg, LogicalOp, MapEntry, TemplateText } from './ast.ts'
export { dottedName } from './ast.ts'
export type { ArgInfo, Builtin, BuiltinExample, BuiltinInfo, CallSite, ParamSpec } from './builtins.ts'
export { BUILTINS, builtinDocs, builtinNames, getBuiltin } from './builtins.ts'
export type { CheckEnv, CheckProblem, ExprUses, RefUse } from './check.ts'
export {
  CONTEXT_NAMES,
  checkExpression,
  contextName,
  ENVELOPE_FIELDS,
  resolveRefPath,
  UNSAFE_MEMBERS,
  UNSAFE_NAMES,
} from './check.ts'
export type { StringKind } from './classify.ts'
export { classifyString, isExpressionString, parseDataString } from './classify.ts'
export { compileStory, parseIsoDuration } from './compile-story.ts'
export type { CompiledDef, DefProgram, StoryProgram } from './compiled.ts'
export type { PythonFakerName } from './faker-bridge.ts'
export { FAKER_PATHS, isFakerPath, PYTHON_FAKER_NAMES } from './faker-bridge.ts'
export { renderGeneratorGuide } from './generator-guide.ts'
export type { SyntaxProblem, Token } from './lexer.ts'
export { tokenize } from './lexer.ts'
export { CHECK_LIMITS, FAKER_LIMITS, NUMBER_LIMITS, VALUE_LIMITS } from './limits.ts'
export type { ParseResult } from './parser.ts'
export { PARSE_LIMITS, parseExpression, parseTemplate } from './parser.ts'
export { createRunFrame, type RunFrame } from './run-frame.ts'
export type { IssueSite } from './runtime-issues.ts'
export { RuntimeIssues } from './runtime-issues.ts'
export type { ValueType } from './values.ts'
export { toOutputValue } from './values.ts'
