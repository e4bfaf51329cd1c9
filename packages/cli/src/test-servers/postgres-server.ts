import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * A throw-away PostgreSQL server for tests and the benchmark: Debian's `postgresql` package,
 * `initdb` in a temp directory and `pg_ctl start` on a free port. initdb refuses to run as
 * root, so as root it runs as the `postgres` user the package creates.
 */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, loopback only). */
  url: string
  /** Stops the server at once (`-m immediate`: a database that goes away mid-run). */
  kill(): void
  /** Starts it again after `kill()`, on the same port with the same data. */
  restart(): void
  /** Stops the server and removes its directory. */
  stop(): void
}

/** The newest `/usr/lib/postgresql/N/bin` holding initdb and pg_ctl, or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
  for (const v of versions) {
    const bin = join(root, v, 'bin')
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin
  }
  return undefined
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Initialises and starts a server; throws with the tool's output when that fails. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  if (!bin)
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)')
  const dir = mkdtempSync(join(tmpdir(), 'autosource-pg-'))
  const asRoot = userInfo().uid === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  }
  chmodSync(dir, 0o700)
  const data = join(dir, 'data')
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool)
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args
    return execFileSync(command, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir })
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  // fsync off and no WAL for speed: the database lives as long as one test.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start'])
  start()
  let stopped = false
  const kill = () => {
    if (stopped) return
    stopped = true
    run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill,
    restart: () => {
      start()
      stopped = false
    },
    stop: () => {
      try {
        kill()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
