import { FAKER_METHODS } from './faker-allow-list.ts'
import { describeShapes, type FakerParam, type FakerShape } from './faker-shapes.ts'

function optionText(s: Extract<FakerShape, { kind: 'options' }>): string {
  return Object.entries(s.keys)
    .map(
      ([k, shapes]) =>
        `\`${k}\`: ${describeShapes(shapes.filter((x) => x.kind !== 'options'))}${shapes.some((x) => x.kind === 'options') ? ` or {min, max}` : ''}`,
    )
    .join('; ')
}

function paramText(p: FakerParam): string {
  const plain = p.shapes.filter((s) => s.kind !== 'options')
  const options = p.shapes.find((s) => s.kind === 'options')
  const parts: string[] = []
  if (plain.length) parts.push(describeShapes(plain))
  if (options?.kind === 'options') {
    const keys = Object.keys(options.keys)
    // `{min, max}` alone is a range of the same numbers as the plain form.
    if (keys.length === 2 && keys[0] === 'min' && keys[1] === 'max' && plain.length)
      parts.push('or `{min, max}` of those')
    else parts.push(`${plain.length ? 'or ' : ''}options (keyword arguments) ${optionText(options)}`)
  }
  return `\`${p.name}\`: ${parts.join(' ')}`
}

/**
 * The allow-list as a Markdown table (method, arguments with their caps), for docs/generators.md:
 * rendered from the same table the checker and the bridge enforce, so it cannot drift.
 */
export function renderFakerMethodTable(): string[] {
  const rows = FAKER_METHODS.map(
    (m) => `| \`faker.${m.path}\` | ${m.params.length ? m.params.map(paramText).join('<br>') : 'none'} |`,
  )
  return ['| method | arguments and caps |', '|---|---|', ...rows]
}
