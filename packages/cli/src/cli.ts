import { type CliIo, EXIT, UsageError } from './cli-io.ts'
import { GENERATE_USAGE, generateCommand } from './commands/generate.ts'
import { INFER_USAGE, inferCommand } from './commands/infer.ts'
import { INIT_USAGE, initCommand } from './commands/init.ts'
import { MERGE_USAGE, mergeCommand } from './commands/merge.ts'
import { QUERY_USAGE, queryCommand } from './commands/query.ts'
import { SCHEMA_USAGE, schemaCommand } from './commands/schema.ts'
import { VALIDATE_USAGE, validateCommand } from './commands/validate.ts'
import { escapeForTerminal } from './terminal-text.ts'

/** Top-level usage text. */
export const USAGE = `Usage: autosource <command> [options]

Commands:
  validate FILE...   check story files; print every problem with its line and a code frame
  generate STORY     stream the events of a story (ndjson, json or csv)
  query STORY SQL    run a story and answer SQL over its events (DuckDB)
  schema             print the JSON Schema of the story format
  init               write a starter story from the library (lists the templates)
  merge PART...      merge the parts of a sharded run (generate --shard K/N) into the whole run
  infer SAMPLE...    write a story that generates events like sample events (ndjson, json, csv)

Run autosource <command> --help for the options of a command.`

const COMMANDS: Record<string, { run: (argv: string[], io: CliIo) => Promise<number>; usage: string }> = {
  validate: { run: validateCommand, usage: VALIDATE_USAGE },
  generate: { run: generateCommand, usage: GENERATE_USAGE },
  query: { run: queryCommand, usage: QUERY_USAGE },
  schema: { run: schemaCommand, usage: SCHEMA_USAGE },
  init: { run: initCommand, usage: INIT_USAGE },
  merge: { run: mergeCommand, usage: MERGE_USAGE },
  infer: { run: inferCommand, usage: INFER_USAGE },
}

/** Runs the CLI with the given arguments and IO; resolves to the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ;(name === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  // Own keys only: `autosource constructor` is an unknown command, not Object's constructor.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) {
    io.stderr.write(`autosource: unknown command '${escapeForTerminal(name)}'\n\n${USAGE}\n`)
    return EXIT.usage
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(
        `autosource: ${escapeForTerminal(e.message)}\n(run autosource ${name} --help for usage)\n`,
      )
      return EXIT.usage
    }
    // A bug must still end in a message and an exit code, not a hung process.
    io.stderr.write(`autosource: internal error: ${escapeForTerminal(String((e as Error)?.stack ?? e))}\n`)
    return EXIT.failed
  }
}
