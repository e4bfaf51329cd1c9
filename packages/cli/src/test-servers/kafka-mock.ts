import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'

/**
 * librdkafka's mock cluster, started through Debian's `kcat` (a real Kafka protocol
 * implementation, in-process in kcat): tests and the benchmark send to it and consume back.
 */
export interface KafkaMock {
  /** `127.0.0.1:PORT`, what a client uses as its bootstrap broker. */
  bootstrap: string
  /** Messages kcat consumed from the watched topic so far (one per line, as kcat prints them). */
  consumed: string[]
  /** Resolves once `consumed` has at least `count` messages (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>
  /** Kills the cluster (a broker that goes away mid-run, or the end of a test). */
  stop(): Promise<void>
}

/** The kcat binary, or undefined when it is not installed. */
export function kcatPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v kcat || command -v kafkacat'], { encoding: 'utf8' })
  const path = r.stdout.trim().split('\n')[0]
  return r.status === 0 && path ? path : undefined
}

/**
 * Starts a one-broker mock cluster and a consumer of `topic` from the beginning. Messages are
 * printed one per line with `-f '%k\t%h\t%s\n'`, so `consumed` holds "KEY<TAB>HEADERS<TAB>VALUE" lines
 * (headers as `name=value,name=value`; a JSON value holds no raw tab).
 * Topics are created on first use with the mock's default of 4 partitions.
 */
export async function startKafkaMock(topic: string): Promise<KafkaMock> {
  const bin = kcatPath()
  if (!bin) throw new Error('kcat is not installed (apt-get install -y kcat)')
  const args = [
    '-b',
    'localhost:1',
    '-X',
    'test.mock.num.brokers=1',
    '-X',
    'debug=mock',
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-u',
    '-f',
    '%k\t%h\t%s\n',
  ]
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const consumed: string[] = []
  const waiters = new Set<() => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    consumed.push(line)
    for (const w of waiters) w()
  })
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stderr! })
    const guard = setTimeout(() => reject(new Error('kcat mock cluster did not start in 20 s')), 20_000)
    lines.on('line', (line) => {
      const m = /bootstrap\.servers=(127\.0\.0\.1:\d+)/.exec(line)
      if (m) {
        clearTimeout(guard)
        resolve(m[1])
      }
      // Later lines (one per request, from debug=mock) are read and dropped so the pipe never fills.
    })
    child.once('exit', (code) => {
      clearTimeout(guard)
      reject(new Error(`kcat exited with ${code} before the mock cluster started`))
    })
  })
  return {
    bootstrap,
    consumed,
    waitFor: (count, timeoutMs = 60_000) => waitForCount(consumed, waiters, count, timeoutMs),
    stop: () => stopChild(child),
  }
}

function waitForCount(
  consumed: string[],
  waiters: Set<() => void>,
  count: number,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (consumed.length >= count) return resolve()
    const check = () => {
      if (consumed.length < count) return
      waiters.delete(check)
      clearTimeout(guard)
      resolve()
    }
    const guard = setTimeout(() => {
      waiters.delete(check)
      reject(new Error(`consumed ${consumed.length} of ${count} messages before the time-out`))
    }, timeoutMs)
    waiters.add(check)
  })
}

/** Ends a child process started here, and waits for it to be gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}
