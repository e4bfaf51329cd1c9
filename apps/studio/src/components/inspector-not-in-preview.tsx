/**
 * The Inspector for a selection it has no event for: an occurrence past the preview reached without
 * its id (a timeline mark, a fault's copy link), or one the delivered stream does not have.
 */
import { formatCount } from '../format.ts'

/** Why the Inspector shows no event for this selection, and where to find it. */
export function NotInPreview(props: { name: string; held: number; undelivered: boolean }) {
  if (props.undelivered)
    return (
      <p className="empty-note">
        {props.name} is past the preview, and the run delivers no event with its id: a fault dropped it, so
        only the events that read it remember it.
      </p>
    )
  return (
    <p className="empty-note">
      {props.name} is not in the preview (it holds the first {formatCount(props.held)} events of the run).
      Find it in the Events table: sorting, a field filter or scrolling to the end loads the whole run.
    </p>
  )
}
