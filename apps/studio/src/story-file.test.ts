import { describe, expect, it } from 'vitest'
import { MAX_OPEN_BYTES, readStoryFile } from './story-file.ts'

const file = (name: string, text: string, size = text.length) => ({ name, size, text: async () => text })

describe('opening a story file', () => {
  it('names the draft after `name:`, else after the file', async () => {
    expect(await readStoryFile(file('a.yaml', 'name: Checkout\norg_id: x\n'))).toEqual({
      ok: true,
      name: 'Checkout',
      text: 'name: Checkout\norg_id: x\n',
    })
    expect(await readStoryFile(file('orders.YML', 'org_id: x\n'))).toMatchObject({ ok: true, name: 'orders' })
  })

  it('refuses other files and files too big to check, saying why', async () => {
    expect(await readStoryFile(file('notes.txt', 'x'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('.yaml'),
    })
    expect(await readStoryFile(file('big.yaml', 'x', MAX_OPEN_BYTES + 1))).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 2,000,000'),
    })
    const broken = { name: 'x.yaml', size: 1, text: () => Promise.reject(new Error('gone')) }
    expect(await readStoryFile(broken)).toMatchObject({ ok: false, message: expect.stringContaining('gone') })
  })
})
