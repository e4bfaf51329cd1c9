/**
 * Monaco from the bundle (never a CDN), its workers via Vite `?worker`, monaco-yaml for story keys,
 * and the studio's own completion and hover inside expressions. Imported only by the lazy editor chunk.
 */

import { BUILTIN_TEMPLATE_NAMES } from '@autosource/engine/packs'
import type { EngineCatalog, StoryOutline } from '@autosource/engine/worker'
import { loader } from '@monaco-editor/react'
// The full entry, not edcore: it also installs the createWebWorker({ label, moduleId, createData })
// compatibility that monaco-yaml's worker manager relies on.
import * as monaco from 'monaco-editor'
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker'
import { configureMonacoYaml, type MonacoYaml } from 'monaco-yaml'
import { MAIN_FILE } from '../store.ts'
import { registerQuickFixes } from './code-actions.ts'
import {
  completionSpot,
  continuesExpression,
  eventAt,
  hoverFor,
  isInsideData,
  type Suggestion,
  suggestionsFor,
} from './expression-completion.ts'
import YamlWorker from './yaml.worker.ts?worker'

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'yaml'
      ? new YamlWorker({ name: 'monaco-yaml' })
      : new EditorWorker({ name: 'monaco-editor' })
  },
}

// Must run before the first <Editor> mounts, or @monaco-editor/react fetches Monaco from a CDN.
loader.config({ monaco })

/** What the language features read at the moment they are asked (set by the editor component). */
export interface LanguageContext {
  catalog: EngineCatalog | null
  outline: StoryOutline | null
}

let context: LanguageContext = { catalog: null, outline: null }
let yaml: MonacoYaml | undefined
let schemaSet = false

/** Updates what completion and hover know (catalog, outline), and gives monaco-yaml the story schema once. */
export function setLanguageContext(next: LanguageContext): void {
  context = next
  if (next.catalog && !schemaSet && yaml) {
    schemaSet = true
    void yaml.update({ ...yaml.getOptions(), schemas: [storySchema(next.catalog)] })
  }
}

function storySchema(catalog: EngineCatalog) {
  // An in-memory URI: with enableSchemaRequest off, monaco-yaml never fetches it.
  return {
    uri: 'inmemory://autosource/story.schema.json',
    fileMatch: ['*'],
    schema: catalog.storySchema as never,
  }
}

yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // The engine validates (it reads the seed dialect, e.g. `weighted({'google': 0.6})`, which plain YAML
  // rejects); monaco-yaml's own validation would flag valid stories.
  validate: false,
  completion: true,
  hover: true,
  // The schema's file name adds nothing for a story author.
  hoverSchemaSource: false,
  format: { enable: false },
  schemas: [],
})

const KIND = {
  function: monaco.languages.CompletionItemKind.Function,
  field: monaco.languages.CompletionItemKind.Field,
  event: monaco.languages.CompletionItemKind.Reference,
  module: monaco.languages.CompletionItemKind.Module,
  variable: monaco.languages.CompletionItemKind.Variable,
  keyword: monaco.languages.CompletionItemKind.Keyword,
} satisfies Record<Suggestion['kind'], monaco.languages.CompletionItemKind>

monaco.languages.registerCompletionItemProvider('yaml', {
  triggerCharacters: ['.', '(', ' '],
  provideCompletionItems(model, position) {
    const catalog = context.catalog
    const lines = model.getLinesContent()
    const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1)
    const spot = completionSpot(
      before,
      isInsideData(lines, position.lineNumber),
      continuesExpression(lines, position.lineNumber),
    )
    if (spot.kind === 'none') return { suggestions: [] }
    const offset = model.getOffsetAt(position)
    const items = suggestionsFor(spot, {
      builtins: catalog?.builtins ?? [],
      fakerPaths: catalog?.fakerPaths ?? [],
      outline: context.outline,
      current: eventAt(context.outline, offset, MAIN_FILE),
      templates: BUILTIN_TEMPLATE_NAMES,
    })
    const range = new monaco.Range(
      position.lineNumber,
      position.column - spot.prefix.length,
      position.lineNumber,
      position.column,
    )
    return {
      suggestions: items.map((s, i) => ({
        label: s.label,
        kind: KIND[s.kind],
        insertText: s.insertText,
        insertTextRules: s.snippet
          ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
          : undefined,
        detail: s.detail,
        documentation: s.documentation ? { value: s.documentation } : undefined,
        range,
        // Keep the engine's order (functions, then fields, then context) ahead of monaco-yaml's.
        sortText: String(i).padStart(5, '0'),
      })),
    }
  },
})

monaco.languages.registerHoverProvider('yaml', {
  provideHover(model, position) {
    const word = model.getWordAtPosition(position)
    if (!word || !context.catalog) return null
    const text = hoverFor(word.word, context.catalog.builtins)
    if (!text) return null
    return {
      range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
      contents: [{ value: text }],
    }
  },
})

registerQuickFixes(monaco)

export { monaco }
