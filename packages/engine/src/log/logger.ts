/**
 * Namespaced debug logging, silent by default: `setLogLevel('autosource.sim', 'debug')` is
 * the twin of Python's `logging.getLogger('autosource.sim').setLevel(logging.DEBUG)`.
 * A level set on a namespace applies to its children (`autosource.sim.rules`). Callers check
 * `enabled()` once per run, so logging off costs one boolean test on the hot path.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

/** Where log lines go (default: console.error, so stdout stays clean for data). */
export type LogSink = (namespace: string, level: LogLevel, message: string) => void

const levels = new Map<string, LogLevel>()
let sink: LogSink = (ns, level, message) => console.error(`[${ns}] ${level}: ${message}`)
let version = 0

/** Sets the level of a namespace and its children. */
export function setLogLevel(namespace: string, level: LogLevel): void {
  levels.set(namespace, level)
  version++
}

/** Sends log lines somewhere else (tests, the studio). */
export function setLogSink(next: LogSink): void {
  sink = next
}

function effectiveLevel(namespace: string): LogLevel {
  for (let ns = namespace; ; ) {
    const l = levels.get(ns)
    if (l) return l
    const dot = ns.lastIndexOf('.')
    if (dot < 0) return 'silent'
    ns = ns.slice(0, dot)
  }
}

/** A logger for one namespace. */
export interface Logger {
  readonly namespace: string
  enabled(level: LogLevel): boolean
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
}

/** Returns the logger of a namespace, e.g. `logger('autosource.sim.rules')`. */
export function logger(namespace: string): Logger {
  let cachedVersion = -1
  let cached: LogLevel = 'silent'
  const level = () => {
    if (cachedVersion !== version) {
      cached = effectiveLevel(namespace)
      cachedVersion = version
    }
    return cached
  }
  const emit = (l: LogLevel, message: string) => {
    if (ORDER[l] >= ORDER[level()]) sink(namespace, l, message)
  }
  return {
    namespace,
    enabled: (l) => ORDER[l] >= ORDER[level()],
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
  }
}
