/** The left column: the user's drafts (new, rename, duplicate, delete) and the read-only library. */
import { useState } from 'react'
import { LIBRARY } from '../library.ts'
import { studioStore, useStudio } from '../store.ts'
import { Icon } from './icon.tsx'

/** Drafts and library. */
export function StoryList() {
  const drafts = useStudio((s) => s.drafts)
  const activeId = useStudio((s) => s.activeId)
  const errorCount = useStudio((s) =>
    s.check.draftId === s.activeId ? s.check.diagnostics.filter((d) => d.severity === 'error').length : 0,
  )
  // Accessible names come from (visually hidden) text, not aria-label: a story called "seed-…" must not
  // make `getByLabel('Seed')` ambiguous.
  // Actions never change, so they are read once instead of subscribing to the whole state.
  const { newDraft, activate, duplicate, remove, rename, openCopy } = studioStore().getState()
  const [editing, setEditing] = useState<string | null>(null)

  return (
    <nav className="story-list" aria-label="Stories">
      <div className="pane-header">
        <h2>Drafts</h2>
        <button type="button" onClick={newDraft} title="New story">
          New
        </button>
      </div>
      {drafts.length === 0 && (
        <p className="empty-note">No drafts. Start a new story or open a copy from the library.</p>
      )}
      <ul className="draft-items">
        {drafts.map((d) => (
          <li key={d.id} className={d.id === activeId ? 'draft active' : 'draft'}>
            {editing === d.id ? (
              <input
                className="rename-input"
                aria-label="Draft name"
                defaultValue={d.name}
                autoFocus
                onBlur={(e) => {
                  rename(d.id, e.target.value)
                  setEditing(null)
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') e.currentTarget.blur()
                  if (e.key === 'Escape') setEditing(null)
                }}
              />
            ) : (
              <button
                type="button"
                className="draft-open"
                aria-current={d.id === activeId ? 'page' : undefined}
                onClick={() => activate(d.id)}
                onDoubleClick={() => setEditing(d.id)}
                title={
                  d.origin ? `${d.name} (copied from ${d.origin.replace(/^library:/, 'library: ')})` : d.name
                }
              >
                <span className="draft-name">{d.name}</span>
                {d.id === activeId && errorCount > 0 && (
                  <span className="badge error" title={`${errorCount} errors`}>
                    {errorCount}
                  </span>
                )}
              </button>
            )}
            <span className="row-actions">
              <button type="button" className="icon" title="Rename" onClick={() => setEditing(d.id)}>
                <Icon name="rename" />
                <span className="sr-only">Rename {d.name}</span>
              </button>
              <button type="button" className="icon" title="Duplicate" onClick={() => duplicate(d.id)}>
                <Icon name="duplicate" />
                <span className="sr-only">Duplicate {d.name}</span>
              </button>
              <button type="button" className="icon" title="Delete" onClick={() => remove(d.id)}>
                <Icon name="delete" />
                <span className="sr-only">Delete {d.name}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
      <div className="pane-header library-header">
        <h2>Library</h2>
      </div>
      {LIBRARY.length === 0 && <p className="empty-note">No example stories in this build.</p>}
      <ul className="library-items" aria-label="Library">
        {LIBRARY.map((story) => (
          <li key={story.path} className="library-item">
            <span className="library-name" title={`stories/${story.path}`}>
              {story.name}
            </span>
            <button
              type="button"
              title="Open a copy as a new draft (the library stays unchanged)"
              onClick={() => openCopy(story.name, story.text, `library:${story.path}`)}
            >
              Open a copy<span className="sr-only"> of {story.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
