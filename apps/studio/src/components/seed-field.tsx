/** The top bar's Seed field: overrides the story's seed; text that is not a seed is refused out loud. */
import { useEffect, useState } from 'react'
import { parseSeedText } from '../seed-text.ts'
import { useStudio } from '../store.ts'

/** The Seed input with its "from story" / "reset" note and its error. */
export function SeedField(props: {
  draft?: { id: string; seed: number | null }
  storySeed: number | undefined
}) {
  const { draft, storySeed } = props
  const setSeed = useStudio((s) => s.setSeed)
  const effectiveSeed = draft?.seed ?? storySeed
  const [seedText, setSeedText] = useState(effectiveSeed === undefined ? '' : String(effectiveSeed))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setSeedText(effectiveSeed === undefined ? '' : String(effectiveSeed))
    setError(null)
  }, [effectiveSeed])

  const commit = (text: string) => {
    if (!draft) return
    const parsed = parseSeedText(text)
    // A refused seed changes nothing: the last good seed stays in force, and the field says why.
    setError(parsed.kind === 'invalid' ? parsed.message : null)
    if (parsed.kind === 'story') setSeed(draft.id, null)
    else if (parsed.kind === 'seed') setSeed(draft.id, parsed.seed)
  }

  return (
    <div className="seed-field" title="Run seed. Empty: the story's own seed.">
      <label htmlFor="seed-input">Seed</label>
      <input
        id="seed-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={seedText}
        disabled={!draft}
        aria-invalid={error !== null}
        aria-describedby={error ? 'seed-error' : undefined}
        placeholder={storySeed === undefined ? '0' : String(storySeed)}
        onChange={(e) => {
          setSeedText(e.target.value)
          commit(e.target.value)
        }}
        onBlur={() => {
          // Leaving a refused seed puts the seed in force back in the field (the error said why).
          if (error) {
            setSeedText(effectiveSeed === undefined ? '' : String(effectiveSeed))
            setError(null)
          }
        }}
      />
      {error && (
        <span id="seed-error" className="seed-error" role="alert">
          {error}
        </span>
      )}
      {draft && draft.seed === null && <span className="seed-origin">from story</span>}
      {draft && draft.seed !== null && (
        <button
          type="button"
          className="link-button"
          onClick={() => setSeed(draft.id, null)}
          title="Use the story's own seed"
        >
          reset
        </button>
      )}
    </div>
  )
}
