/** A stand-in engine for the worker's tests (host and client), so they run without the full engine. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { EngineApi } from './host.ts'
import type { PlainRecord } from './protocol.ts'

/**
 * A stand-in engine for tests: `count: N` in the text makes N records; `throw` makes streamStory (and
 * exportStory) throw; `oops` is an unknown key (and makes an export fail); `unplanned` hides the count;
 * `include:` in a text loaded with `fromLink` is a `story/include-in-link` error (as the real loader does).
 */
export function fakeEngine(): EngineApi {
  const countOf = (text: string) => Number(/count: (\d+)/.exec(text)?.[1] ?? 10)
  return {
    checkStory(text, options) {
      const diagnostics: Diagnostic[] = []
      const at = text.indexOf('oops')
      if (at >= 0) {
        diagnostics.push({
          code: 'story/unknown-key',
          severity: 'error',
          message: 'unknown key oops',
          file: options?.file ?? 'story.yaml',
          span: { start: at, end: at + 4 },
          path: ['oops'],
        })
      }
      const include = text.indexOf('include:')
      if (options?.fromLink && include >= 0) {
        diagnostics.push({
          code: 'story/include-in-link',
          severity: 'error',
          message: 'a story opened from a link cannot include files',
          file: options?.file ?? 'story.yaml',
          span: { start: include, end: include + 8 },
          path: ['include'],
        })
      }
      return { diagnostics, outline: { timezone: 'UTC', seed: 0, events: [] } }
    },
    streamStory(text, options) {
      if (text.includes('throw')) throw new Error('boom')
      const count = Math.min(Number(/count: (\d+)/.exec(text)?.[1] ?? 10), options?.limit ?? Infinity)
      let produced = 0
      return {
        diagnostics: [],
        *records(): Iterable<PlainRecord> {
          for (let i = 0; i < count; i++) {
            produced++
            yield {
              event: { id: `e${i}`, org_id: 'o', source: 's', event: 'x', timestamp: String(i), data: { i } },
              def: 0,
              index: i,
              timeMs: i * 1000,
            }
          }
        },
        summary: () => ({
          total: produced,
          perType: { x: produced },
          diagnostics: 0,
          schemaViolations: 0,
          elapsedMs: 0,
        }),
      }
    },
    plannedEvents: (text) => (text.includes('unplanned') ? undefined : countOf(text)),
    exportStory(text, _options, format) {
      if (text.includes('throw')) throw new Error('boom')
      const failed = text.includes('oops')
      const count = countOf(text)
      let produced = 0
      return {
        failed,
        diagnostics: failed
          ? [
              {
                code: 'story/unknown-key',
                severity: 'error',
                message: 'unknown key oops',
                file: 'story.yaml',
                span: { start: 0, end: 4 },
                path: ['oops'],
              },
            ]
          : [],
        planned: text.includes('unplanned') ? undefined : count,
        *chunks(chunkChars) {
          // Line `i` of the output is `<format>:<i>` plus an `é` (two UTF-8 bytes), chunked like the engine.
          let buf = ''
          for (let i = 0; i < count; i++) {
            produced++
            buf += `${format}:${i}é\n`
            if (buf.length >= chunkChars) {
              yield buf
              buf = ''
            }
          }
          if (buf) yield buf
        },
        summary: () => ({
          total: produced,
          perType: { x: produced },
          diagnostics: 0,
          schemaViolations: 0,
          elapsedMs: 0,
        }),
      }
    },
    catalog: () => ({ builtins: [], fakerPaths: ['person.fullName'], storySchema: {} }),
    serializeNdjson: (event) => JSON.stringify(event),
  }
}
