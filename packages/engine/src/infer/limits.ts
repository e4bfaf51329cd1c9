/**
 * Every bound of `inferStory`: sample text is untrusted (a pasted file, a dropped file), so each
 * cost is capped and a cap that bites is reported, never a hang or a stack overflow.
 */
export const INFER_LIMITS = {
  /** Bytes of sample text read at all. */
  maxBytes: 64 * 1024 * 1024,
  /** Characters of one NDJSON line or CSV row. */
  maxLineChars: 1024 * 1024,
  /** Records analysed; the rest are skipped with a warning. */
  maxRecords: 200_000,
  /** Nesting of `{`/`[` in one record before it is refused (checked before JSON.parse). */
  maxParseDepth: 64,
  /** Nesting below which fields are described; deeper values become null. */
  maxFieldDepth: 12,
  /** Field paths described per event type. */
  maxFields: 2000,
  /** Event types; more distinct values of the type field means it is not a type field. */
  maxTypes: 100,
  /** Distinct values kept per field (enums, id relations). */
  maxDistinct: 5000,
  /** Numbers kept per field to fit a distribution. */
  maxNumbers: 4000,
  /** Values an enum may have. */
  maxEnum: 20,
  /** Characters an enum value may have. */
  maxEnumChars: 120,
  /** Problems reported before the rest are counted only. */
  maxDiagnostics: 50,
} as const
