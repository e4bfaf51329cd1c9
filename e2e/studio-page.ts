/** Page object of the studio: regions and controls by role and accessible name, and what a user does with them. */
import { readFile } from 'node:fs/promises'
import { expect, type Locator, type Page } from '@playwright/test'

/** The library story the journey starts from (stories/seed-advanced.yaml has no `name:`, so its file name shows). */
export const SEED_ADVANCED = 'seed-advanced'

/** The studio as a user sees it. */
export class StudioPage {
  readonly editor: Locator
  /** Monaco's input surface (its accessible name is set by the studio). */
  readonly editorInput: Locator
  readonly problems: Locator
  readonly timeline: Locator
  readonly events: Locator
  readonly inspector: Locator
  readonly stories: Locator
  readonly library: Locator
  readonly runButton: Locator
  readonly exportButton: Locator
  readonly shareButton: Locator
  readonly seed: Locator
  /** "Live": re-run after each edit that checks clean. */
  readonly live: Locator
  readonly storyName: Locator

  constructor(readonly page: Page) {
    this.editor = page.getByRole('region', { name: 'Story editor' })
    this.editorInput = this.editor.getByRole('textbox', { name: 'Story YAML' })
    this.problems = page.getByRole('region', { name: 'Problems' })
    this.timeline = page.getByRole('region', { name: 'Timeline' })
    this.events = page.getByRole('region', { name: 'Events' })
    this.inspector = page.getByRole('region', { name: 'Inspector' })
    this.stories = page.getByRole('navigation', { name: 'Stories' })
    this.library = page.getByRole('list', { name: 'Library' })
    this.runButton = page.getByRole('button', { name: 'Run', exact: true })
    this.exportButton = page.getByRole('button', { name: 'Export', exact: true })
    this.shareButton = page.getByRole('button', { name: 'Share', exact: true })
    this.seed = page.getByLabel('Seed', { exact: true })
    this.live = page.getByRole('checkbox', { name: 'Live' })
    this.storyName = page.getByRole('textbox', { name: 'Story name' })
  }

  /** Opens the studio (or a share link) and waits until the editor can be typed into. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path)
    await this.waitForEditor()
  }

  /** Waits for Monaco (a lazy chunk) to show the open draft. */
  async waitForEditor(): Promise<void> {
    // Monaco's input surface is a zero-size element (it is attached, never "visible"); the text is.
    // Generous: Monaco's chunks (3.6 MB) are parsed after the first preview, slow on a cold, busy machine.
    await expect(this.editorInput).toBeAttached({ timeout: 60_000 })
    await expect(this.editor.locator('.view-line').first()).toBeVisible({ timeout: 60_000 })
  }

  /** "Open a copy" of a library story; it becomes the open draft. */
  async openLibraryCopy(name: string): Promise<void> {
    await this.library.getByRole('button', { name: `Open a copy of ${name}`, exact: true }).click()
    await expect(this.stories.getByRole('button', { name, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await this.waitForEditor()
  }

  /** The button that opens a draft in the story list. */
  draftButton(name: string): Locator {
    return this.stories.getByRole('button', { name, exact: true })
  }

  /**
   * Waits until the run of the story as it is now (text and seed) has finished with `total` events: the
   * Events pane no longer says its records are from an earlier version, and then the run status says
   * done. Read in that order, an earlier run's "done" can never pass for this one's.
   */
  async waitForRunDone(total: number, timeout?: number): Promise<void> {
    const done = this.page.getByText(new RegExp(`^${total.toLocaleString('en-US')} events in `))
    await expect
      .poll(
        async () => {
          const events = (await this.events.textContent()) ?? ''
          if (events.includes('From an earlier version of the story')) return 'outdated records'
          return (await done.count()) > 0 ? 'done' : 'not done'
        },
        { timeout: timeout ?? 30_000 },
      )
      .toBe('done')
  }

  /** The timeline chart (a focusable figure whose accessible name gives the events and lanes drawn). */
  timelineChart(): Locator {
    return this.timeline.getByRole('figure')
  }

  /** Waits until the timeline draws `events` events in `lanes` lanes. */
  async expectTimeline(events: number, lanes: number): Promise<void> {
    const count = events.toLocaleString('en-US')
    await expect(this.timelineChart()).toHaveAccessibleName(
      new RegExp(`^Timeline of ${count} events in ${lanes} lanes\\.`),
    )
  }

  /** The name of a lane (its definition id, or `source · event` without one) as drawn beside it. */
  laneLabel(name: string): Locator {
    return this.timeline.locator('text.lane-name').getByText(name, { exact: true })
  }

  /** The count drawn beside a lane's name (the lane's previewed events). */
  async laneCount(name: string): Promise<string> {
    return this.laneLabel(name)
      .locator('xpath=following-sibling::*[local-name()="text"][1]')
      .textContent()
      .then((t) => t ?? '')
  }

  /**
   * Clicks the `nth` (0-based) mark of a timeline lane, where a user would click. The chart draws each
   * lane's marks as one SVG path (`M x y v h` per mark, in the plot's clipped group) over a band
   * (`rect.lane-band`), lanes in the order of their labels; the mark's position is read from the path
   * in the lane's band.
   */
  async clickTimelineMark(lane: string, nth: number): Promise<void> {
    await expect(this.laneLabel(lane)).toBeVisible()
    const at = await this.timelineChart().evaluate(
      (figure, { lane, nth }) => {
        const labels = [...figure.querySelectorAll('text.lane-name')]
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((t) => t.textContent)
        const row = labels.indexOf(lane)
        const band = [...figure.querySelectorAll('rect.lane-band')].sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        )[row]
        if (!band) throw new Error(`no band for lane ${lane} among ${JSON.stringify(labels)}`)
        const { top, bottom } = band.getBoundingClientRect()
        for (const path of figure.querySelectorAll<SVGPathElement>('.lanes-layer g[clip-path] > path')) {
          const box = path.getBoundingClientRect()
          const y = (box.top + box.bottom) / 2
          if (y < top || y > bottom) continue
          const marks = [...(path.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)v([\d.]+)/g)]
          const m = marks[nth]
          if (!m) throw new Error(`lane ${lane} has ${marks.length} marks`)
          const point = new DOMPoint(Number(m[1]), Number(m[2]) + Number(m[3]) / 2).matrixTransform(
            path.getScreenCTM()!,
          )
          return { x: point.x, y: point.y }
        }
        throw new Error(`no marks in the band of lane ${lane}`)
      },
      { lane, nth },
    )
    await this.page.mouse.click(at.x, at.y)
  }

  /** A data field of the selected event in the Inspector (its name, value and provenance). */
  inspectorField(name: string): Locator {
    return this.inspector
      .getByRole('listitem')
      .filter({ has: this.page.getByText(name, { exact: true }) })
      .first()
  }

  /** The rows of the Events grid, first event first (the header row excluded). */
  eventRows(): Locator {
    return this.events
      .getByRole('grid', { name: 'Generated events' })
      .getByRole('row')
      .filter({ hasNot: this.page.getByRole('columnheader') })
  }

  /**
   * Exports the open story's whole run in `format` through the Export dialog's Download button and
   * returns the downloaded file's name and text.
   */
  async exportRun(format: 'NDJSON' | 'JSON' | 'CSV'): Promise<{ fileName: string; text: string }> {
    await this.exportButton.click()
    const dialog = this.page.getByRole('dialog', { name: 'Export events' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('radio', { name: format, exact: true }).check()
    const download = this.page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Download', exact: true }).click()
    const file = await download
    const path = await file.path()
    await expect(dialog.getByRole('status')).toContainText('Downloaded')
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(dialog).toBeHidden()
    return { fileName: file.suggestedFilename(), text: await readFile(path, 'utf8') }
  }

  /** Opens the Share dialog and returns the link it shows (and has copied). */
  async shareLink(): Promise<string> {
    await this.shareButton.click()
    const dialog = this.page.getByRole('dialog', { name: 'Share story' })
    await expect(dialog).toBeVisible()
    const field = dialog.getByRole('textbox', { name: 'Share link' })
    await expect(field).toHaveValue(/#s=/)
    return field.inputValue()
  }

  /** Sets the run seed in the top bar. */
  async setSeed(seed: number): Promise<void> {
    await this.seed.fill(String(seed))
    await expect(this.seed).toHaveValue(String(seed))
  }

  /**
   * The editor's visible text, one entry per rendered line, in order. Monaco renders only the lines in
   * view: the stories used here fit in the editor pane.
   */
  async editorLines(): Promise<string[]> {
    return this.editor.locator('.view-lines').evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('.view-line')]
        .map((el) => ({ top: Number.parseFloat(el.style.top), text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' ')),
    )
  }

  /**
   * The whole story text, as a user would take it: select all and copy, then read the clipboard (the
   * context needs clipboard permissions). Leaves the cursor at the end of the text.
   */
  async copyStoryText(): Promise<string> {
    await this.editor.locator('.view-line').first().click()
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+C')
    await this.page.keyboard.press('ControlOrMeta+End')
    return this.page.evaluate(() => navigator.clipboard.readText())
  }

  /**
   * Replaces one word of the story, as a user does: double-click the word (Monaco selects it) and type.
   * `context` is text around the word that occurs once in the story (e.g. `uuid4()`); the edit is checked
   * on screen: a line now shows `context` with `word` replaced by `typed`.
   */
  async replaceWord(context: string, word: string, typed: string): Promise<void> {
    const at = await this.wordPosition(context, word)
    await this.page.mouse.dblclick(at.x, at.y)
    await this.page.keyboard.type(typed)
    const edited = context.replace(word, typed)
    await expect.poll(async () => (await this.editorLines()).some((l) => l.includes(edited))).toBe(true)
  }

  /**
   * Where `word` (inside `context`, on the topmost line showing it) is drawn in the editor, in page coordinates. Found from the text as
   * rendered, whatever the syntax colouring splits it into.
   */
  async wordPosition(context: string, word: string): Promise<{ x: number; y: number }> {
    await expect.poll(async () => (await this.editorLines()).some((l) => l.includes(context))).toBe(true)
    const view = this.editor.locator('.view-lines')
    return view.evaluate(
      (root, { context, word }) => {
        const norm = (s: string) => s.replace(/\u00a0/g, ' ')
        const lines = [...root.querySelectorAll<HTMLElement>('.view-line')].filter((l) =>
          norm(l.textContent ?? '').includes(context),
        )
        if (lines.length === 0) throw new Error(`no line shows ${JSON.stringify(context)}`)
        // Several lines may show it (the starter story has two `repeat: 30`): take the topmost, the
        // first in the story (Monaco's line elements are not in document order).
        const top = (l: HTMLElement) => l.getBoundingClientRect().top
        const line = lines.reduce((a, b) => (top(b) < top(a) ? b : a))
        const start = norm(line.textContent ?? '').indexOf(context) + context.indexOf(word)
        // Walk the line's text nodes to the characters of the word.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
        let offset = 0
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0
          if (start < offset + length) {
            const range = document.createRange()
            range.setStart(node, start - offset)
            range.setEnd(node, start - offset + 1)
            const box = range.getBoundingClientRect()
            return { x: box.left + box.width / 2, y: box.top + box.height / 2 }
          }
          offset += length
        }
        throw new Error(`${JSON.stringify(word)} not found in ${JSON.stringify(context)}`)
      },
      { context, word },
    )
  }

  /**
   * Replaces the whole story text the way a user brings in a story from elsewhere: select all, paste.
   * (Typed text would be auto-indented line by line.) The context needs clipboard permissions.
   */
  async replaceStory(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text)
    await this.editor.locator('.view-line').first().click()
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+V')
  }

  /**
   * 1-based line numbers that carry an error squiggle, read from the rendering: each squiggle's vertical
   * position matched against the line-number gutter.
   */
  async errorMarkerLines(): Promise<number[]> {
    return this.editor.evaluate((root) => {
      const gutter = [...root.querySelectorAll<HTMLElement>('.line-numbers')].map((el) => ({
        top: el.getBoundingClientRect().top,
        line: Number(el.textContent),
      }))
      const lines = [...root.querySelectorAll<HTMLElement>('.squiggly-error')].map((sq) => {
        const top = sq.getBoundingClientRect().top
        const hit = gutter.find((g) => Math.abs(g.top - top) < 3)
        return hit ? hit.line : -1
      })
      return [...new Set(lines)].sort((a, b) => a - b)
    })
  }

  /** The entry of Problems whose text matches. */
  problem(message: string | RegExp): Locator {
    return this.problems.getByRole('button', { name: message })
  }
}
