import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './cli-io.ts'

/** Option declarations in node:util's format. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** Parsed flags and positionals of one command. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

/** Parses a command's arguments strictly; any mistake becomes a UsageError (exit 2), never a stack trace. */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
    return { values: values as ParsedArgs['values'], positionals }
  } catch (e) {
    // node:util messages are already user-facing ("Unknown option '--x'", with a hint for `--seed=-5`).
    throw new UsageError(`${command}: ${(e as Error).message}`)
  }
}

/** Reads an integer flag (`--seed 42`), or undefined when absent. */
export function integerFlag(
  name: string,
  raw: string | boolean | undefined,
  min: number,
): number | undefined {
  if (raw === undefined) return undefined
  const text = String(raw).trim()
  const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be an integer${min === 0 ? ' >= 0' : ''}, got '${raw}'`)
  }
  return value
}
