/** Starts a command under `ulimit -v` / `ulimit -t` in its own process group, and kills the group on demand. */
import { type ChildProcess, spawn } from 'node:child_process'

/** Put in every child's environment: no output may ever show it (links must not read the environment). */
export const ENV_SECRET = 'hostile-env-secret-7f3a'

/**
 * Address-space limit of every child (ulimit -v, KiB). Measured on Node 20: Node + tsx + the engine
 * reserve ~1.6 GiB of address space before a case runs (V8's code range and heap reservations); with
 * 3 GiB a child can still grow ~1.3 GiB of heap before it is stopped, far above every case's bound.
 * Without --disable-wasm-trap-handler, tsx's WebAssembly lexer asks for a 10 GiB guard region and
 * Node cannot start under any useful limit; --wasm-max-mem-pages keeps that reservation small too.
 */
export const ULIMIT_V_KIB = 3 * 1024 * 1024

/** Node flags every child gets (see ULIMIT_V_KIB for why the wasm ones). */
export const NODE_FLAGS = ['--disable-wasm-trap-handler', '--wasm-max-mem-pages=256', '--conditions=source']

/** A started child: the process, and a way to end its whole group. */
export interface Limited {
  child: ChildProcess
  killGroup: () => void
}

/** Spawns `command args` under the limits; stdio: stdin ignored, stdout, stderr and fd 3 piped. */
export function spawnLimited(
  command: string,
  args: readonly string[],
  options: { cwd: string; cpuSeconds: number; env?: Record<string, string> },
): Limited {
  const script = `ulimit -v ${ULIMIT_V_KIB} && ulimit -t ${Math.ceil(options.cpuSeconds)} && exec "$@"`
  const child = spawn('bash', ['-c', script, 'bash', command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, NODE_OPTIONS: '', HOSTILE_SECRET: ENV_SECRET },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  })
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  return { child, killGroup }
}

/** Collects a stream's text up to `cap` characters. */
export function collectText(stream: NodeJS.ReadableStream | null, cap = 4_000_000): () => string {
  let text = ''
  stream?.setEncoding('utf8')
  stream?.on('data', (chunk: string) => {
    if (text.length < cap) text += chunk
  })
  return () => text
}
