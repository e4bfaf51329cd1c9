/**
 * The Events table's header row: a sort button per column (`aria-sort` on the one sorting) and, on
 * field columns, a button that opens the field's chart.
 */

/** How the table is sorted: by time (stream order) or by a field path. */
export interface TableSort {
  key: string
  dir: 'asc' | 'desc'
}

/** One column of the table. */
export interface TableColumn {
  /** `time`, `source`, `event`, `data` (the summary) or a field path (`data.amount`). */
  key: string
  label: string
  /** Sortable and chartable (a stored column). */
  field: boolean
}

/** The header row. */
export function EventTableHead(props: {
  columns: readonly TableColumn[]
  sort: TableSort
  template: string
  onSort: (sort: TableSort) => void
  onChart: (key: string) => void
}) {
  const { columns, sort } = props
  return (
    <thead>
      <tr className="event-row event-head" aria-rowindex={1} style={{ gridTemplateColumns: props.template }}>
        {columns.map((c) => {
          const sorting = sort.key === c.key
          const sortable = c.key === 'time' || c.field
          return (
            <th
              key={c.key}
              scope="col"
              aria-sort={
                sorting ? (sort.dir === 'asc' ? 'ascending' : 'descending') : sortable ? 'none' : undefined
              }
              title={c.label}
            >
              {sortable ? (
                <button
                  type="button"
                  className="sort-button"
                  onClick={() =>
                    props.onSort({ key: c.key, dir: sorting && sort.dir === 'asc' ? 'desc' : 'asc' })
                  }
                  title={`Sort by ${c.label}`}
                >
                  {c.label} <span aria-hidden="true">{sorting ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              ) : (
                c.label
              )}
              {c.field && (
                <button
                  type="button"
                  className="chart-button"
                  aria-label={`Chart of ${c.key}`}
                  title={`Chart of ${c.key}`}
                  onClick={() => props.onChart(c.key)}
                >
                  <span aria-hidden="true">▥</span>
                </button>
              )}
            </th>
          )
        })}
      </tr>
    </thead>
  )
}
