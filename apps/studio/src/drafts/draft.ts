/** One story the user is working on, as saved in the browser. */
export interface Draft {
  id: string
  name: string
  text: string
  /** Run seed; null means "the story's own `seed:`". */
  seed: number | null
  createdAt: number
  updatedAt: number
  /**
   * Where it came from, e.g. `library:saas-signups.yaml` (shown as a hint, never used to overwrite);
   * `link` means a share link: it is loaded with `fromLink` (no `include:`).
   */
  origin?: string
  /** Its last check or run was stopped by a budget: after a reload it is not checked or run by itself. */
  budgetStopped?: 'check' | 'run'
  /** The Faults toggle is off: runs and exports ignore the story's `faults:` (`--no-faults`). */
  faultsOff?: boolean
}

let counter = 0

/** A new, unique draft id (time + counter + random: two tabs creating drafts at once never collide). */
export function newDraftId(now = Date.now()): string {
  counter = (counter + 1) % 1e6
  return `d${now.toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`
}

/**
 * A name not used by any other draft: `Base`, `Base (2)`, `Base (3)`... Compared without case and
 * surrounding spaces: `checkout` and `Checkout` would look alike in the list and export as one file name.
 */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const key = (name: string) => name.trim().toLowerCase()
  const names = new Set([...taken].map(key))
  const root = base.trim() || 'Untitled story'
  if (!names.has(key(root))) return root
  const stem = root.replace(/ \(\d+\)$/, '')
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i})`
    if (!names.has(key(candidate))) return candidate
  }
}

/** Makes a draft. */
export function makeDraft(fields: Pick<Draft, 'name' | 'text'> & Partial<Draft>, now = Date.now()): Draft {
  return { id: newDraftId(now), seed: null, createdAt: now, updatedAt: now, ...fields }
}

/** The `name:` of a story text, read cheaply (the engine's outline is authoritative once checked). */
export function storyNameOf(text: string): string | undefined {
  const m = /^name:[ \t]*(.+?)[ \t]*(?:#.*)?$/m.exec(text)
  if (!m) return undefined
  return m[1].replace(/^(['"])(.*)\1$/, '$2').trim() || undefined
}

/**
 * The top-level `seed:` of a story text, read cheaply so the Seed field stays right while the story
 * has errors elsewhere (the engine's default is 0 when the key is absent).
 */
export function storySeedOf(text: string): number {
  const m = /^seed:[ \t]*(-?\d+)[ \t]*(?:#.*)?$/m.exec(text)
  return m ? Number(m[1]) : 0
}
