/**
 * A selection and a window position, both ways, knowing duplicates (`faults:`): a duplicate's copy
 * has its original's definition and occurrence, so the selection says `copy` to pick the copy.
 */
import type { RecordWindow } from '@autosource/engine/worker'
import type { Selection } from '../store.ts'

/** The window position of a selection, or -1 when it is not in the window. */
export function positionOf(window: RecordWindow, selection: Selection): number {
  return selection.copy
    ? window.findCopy(selection.def, selection.index)
    : window.find(selection.def, selection.index)
}

/** The selection of the record at `position` (a copy is selected as the copy). */
export function selectionAt(window: RecordWindow, position: number): Selection {
  const selection: Selection = { def: window.def(position), index: window.index(position) }
  if (window.fault(position)?.copy) selection.copy = true
  return selection
}
