/** Small line icons (inline SVG: system fonts lack some symbol glyphs). Decorative: buttons carry text. */
const PATHS = {
  rename:
    'M3 13.5V16h2.5l7.4-7.4-2.5-2.5L3 13.5zM14.7 6.8a.7.7 0 0 0 0-1l-1.5-1.5a.7.7 0 0 0-1 0l-1.2 1.2 2.5 2.5 1.2-1.2z',
  duplicate: 'M6 6h9v9H6zM3 3h9v2H5v7H3z',
  delete: 'M5 5l10 10M15 5L5 15',
} as const

/** An icon by name. */
export function Icon({ name }: { name: keyof typeof PATHS }) {
  const stroke = name === 'delete' || name === 'duplicate'
  return (
    <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true" focusable="false" className="icon-svg">
      <path
        d={PATHS[name]}
        fill={stroke ? 'none' : 'currentColor'}
        stroke={stroke ? 'currentColor' : 'none'}
        strokeWidth={stroke ? 1.6 : 0}
        strokeLinejoin="round"
      />
    </svg>
  )
}
