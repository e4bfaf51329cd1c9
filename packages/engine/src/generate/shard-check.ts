import { type Diagnostic, error } from '../diagnostics/diagnostic.ts'
import type { Story } from '../story/types.ts'

/**
 * What prevents a story from being split into parts (`--shard`) that merge back into exactly
 * the whole run: one error per construct, naming it and why. Empty when the story shards.
 * Faults are the one such construct: a late or duplicated delivery is placed by the deliveries
 * of every earlier event, and the delivered stream carries no key to merge it back by.
 */
export function shardBlockers(story: Story): Diagnostic[] {
  const out: Diagnostic[] = []
  const why =
    'faults reorder delivery across the whole run (late events, duplicates), so its parts cannot be merged back into the same bytes'
  if (story.faults) {
    out.push(
      error(
        'scale/not-shardable',
        `\`faults:\` prevents --shard: ${why}`,
        story.faults.file,
        story.faults.span,
        ['faults'],
      ),
    )
  }
  for (const def of story.events) {
    if (!def.faults) continue
    out.push(
      error(
        'scale/not-shardable',
        `\`faults:\` of \`${def.id}\` prevents --shard: ${why}`,
        def.faults.file,
        def.faults.span,
        [...def.path, 'faults'],
      ),
    )
  }
  return out
}
