/** Every hostile case, in one table (ids are unique; `pnpm test:hostile -- --case <id>` runs one). */
import type { HostileCase } from '../types.ts'
import { ACTOR_CASES } from './actors.ts'
import { CLI_CASES } from './cli.ts'
import { FAKER_CASES } from './faker.ts'
import { LINK_CASES } from './links.ts'
import { NUMBER_CASES } from './numbers.ts'
import { PROTOTYPE_CASES } from './prototype.ts'
import { RESOURCE_CASES } from './resources.ts'
import { SANDBOX_CASES } from './sandbox.ts'
import { SHARE_CASES } from './share.ts'
import { STUDIO_CASES } from './studio.ts'
import { YAML_CASES } from './yaml.ts'

/** The whole table. */
export const ALL_CASES: readonly HostileCase[] = [
  ...PROTOTYPE_CASES,
  ...LINK_CASES,
  ...FAKER_CASES,
  ...RESOURCE_CASES,
  ...NUMBER_CASES,
  ...CLI_CASES,
  ...STUDIO_CASES,
  ...YAML_CASES,
  ...SANDBOX_CASES,
  ...SHARE_CASES,
  ...ACTOR_CASES,
]

const seen = new Set<string>()
for (const c of ALL_CASES) {
  if (seen.has(c.id)) throw new Error(`Duplicate hostile case id ${c.id}`)
  seen.add(c.id)
}
