import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { REPO_ROOT } from '../test-fixtures.ts'
import { deliveryLine } from './delivery-progress.ts'

const SEED = 'stories/seed-advanced.yaml'

async function usage(args: string[]) {
  const io = memoryIo(REPO_ROOT)
  const code = await runCli(['generate', SEED, ...args], io)
  return { code, stderr: io.stderr.text }
}

describe('delivery flags are checked before anything runs (exit 2)', () => {
  it.each([
    [['--to', 'ftp://x/y'], '--to must be an http(s)://, kafka:// or postgres:// URL'],
    [['--to', 'http://x', '--out', 'f.ndjson'], 'give one destination'],
    [['--to', 'http://x', '--format', 'csv'], '--format is for files and stdout'],
    [['--sign', 'stripe:x'], '--sign is for --to http(s)://'],
    [['--to', 'kafka://h:9092/t', '--body', 'data'], '--body is for --to http(s)://'],
    [['--to', 'http://x', '--key', 'id'], '--key is for --to kafka://'],
    [['--dead-letter', 'dl.ndjson'], '--dead-letter is for --to URL'],
    [['--concurrency', '4'], '--concurrency is for --to URL'],
    [['--to', 'http://x', '--concurrency', '0'], '--concurrency must be an integer'],
    [['--to', 'http://x', '--sign', 'svix:abc'], '--sign must be stripe:SECRET or github:SECRET'],
    [['--to', 'http://x', '--header', 'no colon'], "--header must look like 'Name: value'"],
    [['--to', 'http://x', '--timeout', 'soon'], '--timeout must be a number of seconds'],
    [['--to', 'kafka://h:9092/t', '--key', 'nosuch.field'], "--key: unknown field 'nosuch'"],
    [['--format', 'parquet'], '--format parquet needs --out FILE.parquet'],
    [['--roll', '100'], '--roll needs --out FILE'],
    [['--to', 'http://x', '--dead-letter', '/dev/null'], '--dead-letter /dev/null is not a regular file'],
    [['--to', 'http://x', '--dead-letter', '/no/such/dir/dl'], 'directory /no/such/dir does not exist'],
    [['--to', 'http://x', '--roll', '5'], '--roll is for text files'],
  ])('%j', async (args, message) => {
    const { code, stderr } = await usage(args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
  })
})

describe('deliveryLine', () => {
  it('shows sent, retried, failed, rate and latency percentiles', () => {
    const line = deliveryLine(
      1300,
      { sent: 1200, retried: 3, failed: 1, latencyMs: { p50: 2.14, p99: 15.2 } },
      2.5,
    )
    expect(line).toBe('1,200 sent  3 retried  1 failed  480 events/s  p50 2.1 ms  p99 15 ms  elapsed 3s')
  })

  it('falls back to events handed over for sinks without live counters', () => {
    expect(deliveryLine(50, undefined, 1)).toBe('50 sent  50 events/s  elapsed 1s')
  })
})
