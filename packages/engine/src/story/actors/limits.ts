/**
 * The limits of actors (SPEC section 9), each a documented diagnostic: a story cannot ask for
 * more actors than a run can hold, and one actor cannot loop through its states forever.
 */

/** Most actors of one type present at `start_date` (`count:`), `limit/actors`. */
export const MAX_ACTOR_COUNT = 1_000_000

/** Most actors one `arrivals:` rate may expect over the story (`limit/actors`). */
export const MAX_ACTOR_ARRIVALS = 100_000_000

/** Most actors of all types alive at once in a run; arrivals beyond it are dropped and counted (`limit/actors`). */
export const MAX_LIVE_ACTORS = 2_000_000

/** Most state entries one actor may make; it stops there, counted (`limit/actor-visits`). */
export const MAX_ACTOR_VISITS = 100_000

/** Most actor types and most states of one lifecycle (`limit/actors`). */
export const MAX_ACTOR_TYPES = 100
export const MAX_STATES = 1_000
