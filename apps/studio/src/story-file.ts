/** A `.yaml` file the user opens (Ctrl+O) or drops on the window, read into a new draft's name and text. */
import { storyNameOf } from './drafts/draft.ts'

/** Largest file opened (the loader's MAX_STORY_BYTES: a bigger story could not be checked anyway). */
export const MAX_OPEN_BYTES = 2_000_000

/** What an opened file becomes: a draft, or why it cannot be one. */
export type OpenedFile = { ok: true; name: string; text: string } | { ok: false; message: string }

/** True for the file names the studio opens as stories. */
export function isStoryFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name)
}

/** Reads one file as a story: its `name:` (or the file name without `.yaml`) and its text. */
export async function readStoryFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<OpenedFile> {
  if (!isStoryFileName(file.name)) {
    return { ok: false, message: `“${file.name}” is not a story: open a .yaml or .yml file.` }
  }
  if (file.size > MAX_OPEN_BYTES) {
    return {
      ok: false,
      message: `“${file.name}” is ${file.size.toLocaleString('en-US')} bytes; stories can be at most ${MAX_OPEN_BYTES.toLocaleString('en-US')}.`,
    }
  }
  let text: string
  try {
    text = await file.text()
  } catch (e) {
    return {
      ok: false,
      message: `“${file.name}” could not be read: ${e instanceof Error ? e.message : String(e)}`,
    }
  }
  return { ok: true, name: storyNameOf(text) ?? file.name.replace(/\.ya?ml$/i, ''), text }
}
