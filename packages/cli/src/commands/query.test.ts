import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { BAD_STORY, REPO_ROOT, tempDir } from '../test-fixtures.ts'

describe('autosource query', () => {
  it('answers SQL over the events of a story, data as a struct', async () => {
    const io = memoryIo(REPO_ROOT)
    const sql =
      "SELECT event, count(*) AS n, sum(data.amount) AS amount FROM events WHERE event = 'user.signup' OR data.amount > 0 GROUP BY event ORDER BY event"
    expect(await runCli(['query', 'stories/seed-advanced.yaml', sql, '--format', 'ndjson'], io)).toBe(0)
    const rows = io.stdout.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows[1]).toEqual({ event: 'user.signup', n: 30, amount: null })
    expect(rows[0].event).toBe('subscription.created')
    expect(rows[0].n).toBeGreaterThan(0)
    expect(io.stderr.text).toBe('')
  }, 60_000)

  it('keeps timestamps as written, numbers events in stream order, and prints an aligned table', async () => {
    const io = memoryIo(REPO_ROOT)
    const sql =
      'SELECT seq, "timestamp", strftime("time", \'%Y-%m-%d\') AS day FROM events ORDER BY seq LIMIT 2'
    expect(await runCli(['query', 'stories/seed-advanced.yaml', sql], io)).toBe(0)
    expect(io.stdout.text).toBe(
      'seq  timestamp                      day\n' +
        '---  -----------------------------  ----------\n' +
        '0    2025-01-01T00:00:00.000+00:00  2025-01-01\n' +
        '1    2025-01-01T00:00:00.000+00:00  2025-01-01\n',
    )
  }, 60_000)

  it('fails with the SQL error, and with the story problems of a broken story', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['query', 'stories/seed-advanced.yaml', 'SELECT nosuch FROM events'], io)).toBe(1)
    expect(io.stderr.text).toContain('autosource: query: Binder Error')
    const bad = memoryIo(tempDir({ 'bad.yaml': BAD_STORY }))
    expect(await runCli(['query', 'bad.yaml', 'SELECT 1'], bad)).toBe(1)
    expect(bad.stderr.text).toContain('nothing generated')
  }, 60_000)

  it('refuses a missing query and an unknown format', async () => {
    expect(await runCli(['query', 'stories/seed-advanced.yaml'], memoryIo(REPO_ROOT))).toBe(2)
    expect(await runCli(['query', 'x.yaml', 'SELECT 1', '--format', 'xml'], memoryIo(REPO_ROOT))).toBe(2)
  })
})
