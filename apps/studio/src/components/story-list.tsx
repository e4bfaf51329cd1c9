/** The left column: the user's drafts (new, rename, duplicate, delete) and the read-only library. */
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { LIBRARY, LIBRARY_REFERENCE, type LibraryStory } from '../library.ts'
import { studioStore, useStudio } from '../store.ts'
import { pickStoryFiles } from './file-open.tsx'
import { Icon } from './icon.tsx'
import { NewFromSampleButton } from './new-from-sample-dialog.tsx'

/** Drafts and library. */
export function StoryList() {
  // Ids only (shallow-compared): the list must not re-render on every keystroke.
  const ids = useStudio(useShallow((s) => s.drafts.map((d) => d.id)))
  // Actions never change, so they are read once instead of subscribing to the whole state.
  const { newDraft } = studioStore().getState()
  const [editing, setEditing] = useState<string | null>(null)

  return (
    <nav className="story-list" aria-label="Stories">
      <div className="pane-header">
        <h2>Drafts</h2>
        <span className="header-actions">
          <button type="button" onClick={newDraft} title="New story">
            New
          </button>
          <button
            type="button"
            onClick={pickStoryFiles}
            title="Open a .yaml file as a new draft (Ctrl+O, or drop it on the window)"
          >
            Open…
          </button>
          <NewFromSampleButton />
        </span>
      </div>
      {ids.length === 0 && (
        <p className="empty-note">No drafts. Start a new story or open a copy from the library.</p>
      )}
      <ul className="draft-items">
        {ids.map((id) => (
          <DraftRow key={id} id={id} editing={editing === id} setEditing={setEditing} />
        ))}
      </ul>
      <div className="pane-header library-header">
        <h2>Library</h2>
      </div>
      {LIBRARY.length === 0 && <p className="empty-note">No example stories in this build.</p>}
      <ul className="library-items" aria-label="Library">
        {LIBRARY.map((story) => (
          <LibraryRow key={story.path} story={story} />
        ))}
      </ul>
      {LIBRARY_REFERENCE.length > 0 && (
        <>
          <div className="pane-header library-header">
            <h2>Format reference</h2>
          </div>
          <p className="empty-note">
            What each key and generator means; these describe stories, they do not run.
          </p>
          <ul className="library-items" aria-label="Format reference">
            {LIBRARY_REFERENCE.map((story) => (
              <LibraryRow key={story.path} story={story} />
            ))}
          </ul>
        </>
      )}
    </nav>
  )
}

/** One library file and its "Open a copy" button. */
function LibraryRow({ story }: { story: LibraryStory }) {
  const { openCopy } = studioStore().getState()
  return (
    <li className="library-item">
      <span className="library-name" title={`${story.name} (stories/${story.path})`}>
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
  )
}

/** One draft: open it; rename, duplicate or delete it. */
function DraftRow({
  id,
  editing,
  setEditing,
}: {
  id: string
  editing: boolean
  setEditing: (id: string | null) => void
}) {
  const name = useStudio((s) => s.drafts.find((d) => d.id === id)?.name ?? '')
  const origin = useStudio((s) => s.drafts.find((d) => d.id === id)?.origin)
  const active = useStudio((s) => s.activeId === id)
  const errorCount = useStudio((s) =>
    active && s.check.draftId === id ? s.check.diagnostics.filter((d) => d.severity === 'error').length : 0,
  )
  const { activate, duplicate, remove, rename } = studioStore().getState()
  // Accessible names come from (visually hidden) text, not aria-label: a story called "seed-…" must not
  // make `getByLabel('Seed')` ambiguous.
  return (
    <li className={active ? 'draft active' : 'draft'}>
      {editing ? (
        <input
          className="rename-input"
          aria-label="Draft name"
          defaultValue={name}
          autoFocus
          onBlur={(e) => {
            rename(id, e.target.value)
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
          aria-current={active ? 'page' : undefined}
          onClick={() => activate(id)}
          onDoubleClick={() => setEditing(id)}
          title={origin ? `${name} (copied from ${origin.replace(/^library:/, 'library: ')})` : name}
        >
          <span className="draft-name">{name}</span>
          {errorCount > 0 && (
            <span className="badge error" title={`${errorCount} errors`}>
              {errorCount}
            </span>
          )}
        </button>
      )}
      <span className="row-actions">
        <button type="button" className="icon" title="Rename" onClick={() => setEditing(id)}>
          <Icon name="rename" />
          <span className="sr-only">Rename {name}</span>
        </button>
        <button type="button" className="icon" title="Duplicate" onClick={() => duplicate(id)}>
          <Icon name="duplicate" />
          <span className="sr-only">Duplicate {name}</span>
        </button>
        <button type="button" className="icon" title="Delete" onClick={() => remove(id)}>
          <Icon name="delete" />
          <span className="sr-only">Delete {name}</span>
        </button>
      </span>
    </li>
  )
}
