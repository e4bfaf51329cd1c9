/**
 * The "Query" region: SQL over the whole run (table `events`: envelope columns, `data` as a STRUCT;
 * `events_flat`: a column per field path), results as a table and a quick chart, exportable.
 * The run store loads when a query first runs.
 */
import { useEffect, useState } from 'react'
import { formatCount } from '../../format.ts'
import { useStudio } from '../../store.ts'
import { examplesFor } from './examples.ts'
import { chartShape, ResultChart } from './result-chart.tsx'
import { downloadText, resultText } from './result-export.ts'
import { runStore, useRunStore } from './run-store.ts'
import type { QueryResult } from './store-protocol.ts'
import { useStoreRun } from './use-store-run.ts'

const ROW_LIMIT = 1000

/** The Query panel. */
export function QueryPanel() {
  const run = useStoreRun()
  const store = useRunStore()
  const outline = useStudio((s) => s.run.outline)
  const examples = examplesFor((outline?.events ?? []).map((e) => e.event))
  const [sql, setSql] = useState(examples[0]?.sql ?? 'SELECT * FROM events LIMIT 100')
  const [result, setResult] = useState<QueryResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const runQuery = async () => {
    if (!run) {
      setError('Run the story first: queries read its finished run.')
      return
    }
    runStore.ensure(run)
    setBusy(true)
    setError(null)
    try {
      await whenLoaded()
      setResult(await runStore.query(sql, ROW_LIMIT))
    } catch (e) {
      setResult(null)
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="query-panel" aria-label="Query">
      <div className="query-bar-row">
        <textarea
          aria-label="SQL"
          className="query-sql mono"
          spellCheck={false}
          rows={3}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              e.stopPropagation()
              void runQuery()
            }
          }}
        />
        <div className="query-actions">
          <button type="button" className="primary" onClick={() => void runQuery()} disabled={busy}>
            Run query
          </button>
          <select
            aria-label="Example queries"
            value=""
            onChange={(e) => {
              const ex = examples.find((x) => x.label === e.target.value)
              if (ex) setSql(ex.sql)
            }}
          >
            <option value="">Examples…</option>
            {examples.map((e) => (
              <option key={e.label} value={e.label}>
                {e.label}
              </option>
            ))}
          </select>
          {result && (
            <>
              <button
                type="button"
                onClick={() => downloadText('query.csv', resultText(result, 'csv'), 'text/csv')}
              >
                Export CSV
              </button>
              <button
                type="button"
                onClick={() => downloadText('query.json', resultText(result, 'json'), 'application/json')}
              >
                Export JSON
              </button>
            </>
          )}
        </div>
      </div>
      <p className="muted query-status" role="status">
        {busy
          ? store.status === 'loading'
            ? `Loading the run: ${formatCount(store.events)} events…`
            : 'Running…'
          : result
            ? `${formatCount(result.rows.length)} row${result.rows.length === 1 ? '' : 's'}${result.truncated ? ` (first ${formatCount(ROW_LIMIT)})` : ''} · ${formatCount(store.events)} events in the run`
            : 'SQL over the whole run: table events (data as a struct) or events_flat (a column per field).'}
      </p>
      {error && <p className="error-note">{error}</p>}
      {result && (
        <div className={chartShape(result) ? 'query-output with-chart' : 'query-output'}>
          <ResultTable result={result} />
          <NextFrameChart result={result} />
        </div>
      )}
    </section>
  )
}

/** Resolves once the store has finished loading (rejects when it failed). */
export function whenLoaded(): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = runStore.snapshot()
      if (s.status === 'ready') resolve()
      else if (s.status === 'error') reject(new Error(s.error ?? 'The run store failed.'))
      else return false
      return true
    }
    if (check()) return
    const off = runStore.subscribe(() => {
      if (check()) off()
    })
  })
}

/**
 * The result's chart, drawn in a task of its own after the table has painted: the table and the
 * chart's first render are two short main-thread tasks instead of one long one.
 */
function NextFrameChart(props: { result: QueryResult }) {
  const [shown, setShown] = useState<QueryResult | null>(null)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(props.result), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [props.result])
  return shown === props.result ? <ResultChart result={shown} label="Query result chart" /> : null
}

function ResultTable(props: { result: QueryResult }) {
  const { columns, rows } = props.result
  return (
    <div className="query-results">
      <table aria-label="Query results">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} scope="col" title={c.type}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity but their place.
            <tr key={i}>
              {r.map((v, j) => {
                const text = v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v)
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns may share a name.
                  <td key={j} className={typeof v === 'number' ? 'mono num' : 'mono'} title={text}>
                    {text}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
