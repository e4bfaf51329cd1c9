/**
 * Every limit of the expression language, in one place (issue 14: a story is untrusted input).
 * Exceeding a parse or check limit is `expr/too-complex` (or `limit/expression-length`); a value
 * limit at run time is `runtime/limit` and the field becomes null; a faker cap written as a
 * literal is `expr/arguments`, computed at run time it is `runtime/limit`.
 */

/** Limits on one expression's text and syntax tree. */
export const PARSE_LIMITS = {
  /** Longest expression text accepted, in characters. */
  maxLength: 20_000,
  /** Deepest nesting of brackets, calls and prefix operators the parser descends into. */
  maxDepth: 64,
  /**
   * Tallest syntax tree, in nodes from the root to the deepest leaf: bounds `a.b.c.d...` and
   * `1+1+1+...` chains (built in loops, not by nesting), so the checker and compiler, which walk
   * the tree recursively, never run out of stack.
   */
  maxHeight: 256,
  /** Most syntax tree nodes in one expression (each costs a closure in the compiled program). */
  maxNodes: 5_000,
}

/** Size limits on values built during generation, so a story cannot exhaust memory or the stack. */
export const VALUE_LIMITS = {
  /** Longest string an operator, template or function may build, in UTF-16 code units. */
  maxText: 1_000_000,
  /** Largest list or map an expression may build, in characters of text plus one per value. */
  maxWeight: 2_000_000,
  /** Deepest nesting of lists and maps an expression may build (e.g. `[prev.x]` every occurrence). */
  maxDepth: 32,
}

/** Limits on numbers: beyond 2^53 JSON no longer holds integers exactly. */
export const NUMBER_LIMITS = {
  /** Largest magnitude of an integer a function draws or takes as a bound (2^53 - 1). */
  maxSafeInteger: Number.MAX_SAFE_INTEGER,
  /** Largest Poisson mean: draws stay fast and exact. */
  maxPoissonLambda: 1_000_000_000,
}

/** Limits on times: a JS Date holds ±8.64e15 ms (about the years -271,821 to 275,760). */
export const TIME_LIMITS = {
  /** Largest magnitude of a time (epoch ms) or a duration an expression may build. */
  maxEpochMs: 8.64e15,
  /** Longest ISO 8601 text read as a time argument. */
  maxTimeText: 64,
}

/** Caps on faker arguments (the allow-list table in faker-allow-list.ts uses these). */
export const FAKER_LIMITS = {
  /** Longest string a faker length argument may ask for (`faker.string.alpha(n)`). */
  maxLength: 10_000,
  /** Longest password (memorable passwords are built a syllable at a time). */
  maxPasswordLength: 1_000,
  /** Most words, sentences, lines or items one call may produce (`faker.lorem.words(n)`). */
  maxCount: 1_000,
  /** Most paragraphs one call may produce. */
  maxParagraphs: 100,
  /** Longest string argument (patterns, separators, names), in characters. */
  maxArgText: 1_000,
  /** Most items of a list argument (`faker.helpers.arrayElement([...])`). */
  maxItems: 100_000,
  /** Largest span of years a date method may cover (`faker.date.past(years=n)`). */
  maxYears: 10_000,
  /** Largest span of days a date method may cover (`faker.date.recent(days=n)`). */
  maxDays: 3_650_000,
  /** Most decimals of a faker number or price. */
  maxDecimals: 15,
}

/** Limits on how much the checker says about one problem. */
export const CHECK_LIMITS = {
  /** Cycles reported per definition (past this, a hostile story learns nothing new). */
  maxCycleReports: 20,
  /** Names listed in an `expr/cycle` message before "and N more". */
  maxCycleNames: 6,
  /** Candidates a "did you mean" hint compares against (the rest are not suggested). */
  maxSuggestCandidates: 2_000,
  /** Candidates a "did you mean" hint looks at, near or not. */
  maxSuggestScan: 10_000,
  /** Longest name a "did you mean" hint is computed for. */
  maxSuggestLength: 64,
}
