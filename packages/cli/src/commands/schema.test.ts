import { describe, expect, it } from 'vitest'
import { runCli } from '../cli.ts'
import { memoryIo } from '../memory-io.ts'
import { REPO_ROOT } from '../test-fixtures.ts'

describe('autosource schema', () => {
  it('prints the JSON Schema of the story format', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['schema'], io)).toBe(0)
    const schema = JSON.parse(io.stdout.text)
    expect(schema.type).toBe('object')
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['org_id', 'start_date', 'events', 'schemas']),
    )
  })

  it('takes no arguments', async () => {
    const io = memoryIo(REPO_ROOT)
    expect(await runCli(['schema', 'extra'], io)).toBe(2)
    expect(io.stdout.text).toBe('')
  })
})
