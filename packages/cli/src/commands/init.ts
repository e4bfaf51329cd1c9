import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type CliIo, EXIT, UsageError } from '../cli-io.ts'
import { parseCommandArgs } from '../parse-args.ts'
import { listTemplates, type Template } from './init-templates.ts'

/** Usage text of `autosource init`. */
export const INIT_USAGE = `Usage: autosource init [--template NAME] [--out FILE] [--force]
       autosource init --list

Writes a starter story from the library, with a header saying what to change.
Without --template (or with --list) it lists the templates.

Options:
  -t, --template NAME  the library story to start from
  -o, --out FILE       where to write it (default: NAME.yaml)
      --force          overwrite FILE if it exists
      --list           list the templates and exit`

/** The header put above a template: what a new user changes first. */
export function starterHeader(name: string): string {
  return [
    `# Started from the '${name}' template (autosource init --template ${name}).`,
    '# Change first: org_id, start_date/end_date and timezone; then each event: its schedule',
    "# (repeat/every, how many and how often), its fields under data:, and the enums' weights.",
    '# Check it with: autosource validate FILE    Run it with: autosource generate FILE --limit 10',
    '',
  ].join('\n')
}

function listText(templates: Template[]): string {
  const width = Math.max(...templates.map((t) => t.name.length))
  const lines = templates.map((t) => `  ${t.name.padEnd(width)}  ${t.description}`)
  return `Templates (autosource init --template NAME):\n${lines.join('\n')}\n`
}

/** `autosource init`: lists the templates, or writes one as a starter story. */
export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', argv, {
    help: { type: 'boolean', short: 'h' },
    template: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    list: { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${INIT_USAGE}\n`)
    return EXIT.ok
  }
  if (positionals.length > 0) throw new UsageError(`init: unexpected argument '${positionals[0]}'`)
  const templates = listTemplates()
  if (values.list || values.template === undefined) {
    io.stdout.write(listText(templates))
    return EXIT.ok
  }
  const name = String(values.template)
  const template = templates.find((t) => t.name === name)
  if (!template) throw new UsageError(`init: no template '${name}' (run autosource init --list)`)
  const out = resolve(io.cwd, values.out === undefined ? `${name}.yaml` : String(values.out))
  if (existsSync(out) && !values.force) {
    io.stderr.write(`autosource: init: ${out} exists; pass --force to overwrite it\n`)
    return EXIT.failed
  }
  writeFileSync(out, `${starterHeader(name)}${template.text}`)
  io.stderr.write(`wrote ${out} (from the '${name}' template)\n`)
  return EXIT.ok
}
