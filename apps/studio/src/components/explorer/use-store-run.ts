/** The finished run on screen as the run store knows it (null while nothing finished running). */
import { useMemo } from 'react'
import { LIBRARY_FILES } from '../../library.ts'
import { storyOrigin } from '../../state/story-origin.ts'
import { useStudio } from '../../store.ts'
import { runKey, type StoreRun } from './run-store.ts'

/** The run the store should hold for the open draft, or null before a run finished. */
export function useStoreRun(): StoreRun | null {
  const run = useStudio((s) => s.run)
  const draft = useStudio((s) => s.drafts.find((d) => d.id === s.run.draftId))
  const { status, text, seed, total } = run
  return useMemo(() => {
    if (status !== 'done' || text === null || !draft) return null
    const source = storyOrigin(draft, LIBRARY_FILES)
    // The run's own total: a shared story's capped run or a stopped one holds what the preview ran.
    return { key: `${runKey(text, seed, source)}#${total}`, text, seed, source, limit: total }
  }, [status, text, seed, total, draft])
}
