// The builtin functions live in builtins/, one file per family; this keeps the old import path.
export { copyValue, writtenAsFloat } from './builtins/args.ts'
export { poisson, weightTable } from './builtins/index.ts'
export type { BuiltinInfo } from './builtins/registry.ts'
export { BUILTINS, builtinDocs, builtinNames, getBuiltin } from './builtins/registry.ts'
export type {
  ArgInfo,
  Builtin,
  BuiltinExample,
  CallSite,
  CompileInput,
  NumberRange,
  ParamSpec,
} from './builtins/types.ts'
