import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { storyJsonSchema } from '../engine.ts'
import { parseCommandArgs } from '../parse-args.ts'

/** Usage text of `autosource schema`. */
export const SCHEMA_USAGE = `Usage: autosource schema

Prints the JSON Schema of the story format (generated from the engine's zod schema),
for editors: e.g. save it and point the YAML language server at it.`

/** `autosource schema`: the story format as JSON Schema on stdout. */
export async function schemaCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('schema', argv, { help: { type: 'boolean', short: 'h' } })
  if (values.help) {
    io.stdout.write(`${SCHEMA_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length > 0) throw new UsageError(`schema: takes no arguments, got '${positionals[0]}'`)
  io.stdout.write(`${JSON.stringify(storyJsonSchema(), null, 2)}\n`)
  return EXIT.ok
}
