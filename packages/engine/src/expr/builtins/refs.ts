import type { Builtin } from './types.ts'

/** Reading other events: `ref` (the matching occurrence) and `lookup` (a random earlier one); compiled by the story compiler. */
export const REF_BUILTINS: Record<string, Builtin> = {
  ref: {
    name: 'ref',
    signature: 'ref(event.field)',
    summary:
      "A field of the referenced event's occurrence with the same index (under `after`: the parent occurrence); if that event has fewer occurrences, the latest one at or before this occurrence's time, never a later one. The event is the longest prefix of the dotted path that is an event id (`ref(user.signup.user_id)`: event `user.signup`, field `user_id`); more segments read into the field. `ref(e.timestamp)`, `ref(e.id)` and `ref(e.index)` read the occurrence's time (a time in the story zone), event id and index when `e` has no data field of that name.",
    params: [
      {
        name: 'path',
        types: 'any',
        doc: '`event_id.field`, written as a name path (or a string for ids that are not names)',
      },
    ],
    returns: 'any',
    returnsDoc: "the field's value (null when there is no such occurrence)",
    random: false,
    examples: [{ expression: 'ref(user.signup.user_id)', output: '"4f1c…" (the signup\'s user_id)' }],
    special: 'ref',
  },
  lookup: {
    name: 'lookup',
    signature: 'lookup(event.field)',
    summary:
      'A field of a random earlier occurrence of the referenced event (drawn from the seeded stream). Same path rules as `ref`, including the envelope fields `timestamp`, `id` and `index`.',
    params: [{ name: 'path', types: 'any', doc: '`event_id.field`' }],
    returns: 'any',
    returnsDoc: "the field's value (null when there is no earlier occurrence)",
    random: true,
    examples: [{ expression: 'lookup(user.signup.user_id)', output: 'a user_id of some earlier signup' }],
    special: 'ref',
  },
}
