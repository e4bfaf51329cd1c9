import { removePendingTempFiles } from './atomic-file.ts'

/** The signals that stop a run cleanly, with the exit code a shell expects (128 + number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const

/** A stop signal's name. */
export type StopSignalName = keyof typeof STOP_SIGNALS

/** How long a clean stop may take (in-flight requests finishing) before the process exits anyway. */
const HARD_STOP_MS = 15_000

/**
 * Turns SIGINT/SIGTERM into an AbortSignal whose reason is the signal's name. A command that
 * can stop cleanly calls `handleStops()`; until then (validate, schema) a signal exits at once.
 * A second signal, or a clean stop that takes too long, removes temp files and exits.
 */
export function installStopSignals(): { signal: AbortSignal; handleStops: () => void } {
  const controller = new AbortController()
  let handled = false
  const exitNow = (name: StopSignalName) => {
    removePendingTempFiles()
    process.exit(STOP_SIGNALS[name])
  }
  for (const name of Object.keys(STOP_SIGNALS) as StopSignalName[]) {
    process.on(name, () => {
      if (!handled || controller.signal.aborted) exitNow(name)
      controller.abort(name)
      setTimeout(() => exitNow(name), HARD_STOP_MS).unref()
    })
  }
  return { signal: controller.signal, handleStops: () => (handled = true) }
}

/** The exit code and name of a stop, from an aborted signal's reason (SIGINT when unknown). */
export function stopOf(signal: AbortSignal): { name: StopSignalName; code: number } {
  const name: StopSignalName = signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT'
  return { name, code: STOP_SIGNALS[name] }
}
