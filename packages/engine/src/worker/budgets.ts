/**
 * The studio's budgets for work done by the engine worker, in one place (docs/studio.md and
 * docs/security.md quote these names). A story is untrusted input: whatever it does, the worker is
 * stopped and replaced when it passes one of these, and the studio reports a `limit/budget` problem.
 */

/**
 * A check (or a plan of the number of events) waiting while the worker says nothing for this long is
 * stopped (a check queued behind a run that streams batches waits: that worker is alive).
 */
export const CHECK_BUDGET_MS = 10_000

/** A run or export that sends nothing for this long (one event taking forever, out of memory) is stopped. */
export const RUN_SILENCE_BUDGET_MS = 20_000

/** A worker that has not acknowledged a cancel after this long is terminated and replaced. */
export const CANCEL_BUDGET_MS = 500

/** The longest story text (UTF-16 code units) the studio sends to the engine; a longer one is not checked or run. */
export const STORY_MAX_CHARS = 2_000_000

/** The diagnostic code of every budget stop (documented in docs/diagnostics.md). */
export const BUDGET_CODE = 'limit/budget'

/** What was stopped, for the message and the draft record. */
export type BudgetKind = 'check' | 'run' | 'export' | 'size'

/** A request stopped by a budget: the worker was replaced, the text is untouched. */
export class BudgetExceededError extends Error {
  /** Always `limit/budget`. */
  readonly code = BUDGET_CODE
  constructor(
    readonly kind: BudgetKind,
    message: string,
  ) {
    super(message)
    this.name = 'BudgetExceededError'
  }
}

/** True for an error raised by a budget stop. */
export function isBudgetError(e: unknown): e is BudgetExceededError {
  return e instanceof BudgetExceededError
}

/** The message of a budget stop, saying what happened and how to go on (`budgetMs`: the budget that was passed). */
export function budgetMessage(kind: BudgetKind, budgetMs?: number): string {
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`
  switch (kind) {
    case 'check':
      return `Checking this story took longer than ${seconds(budgetMs ?? CHECK_BUDGET_MS)}, so the engine was stopped and restarted. Your text is safe. Make the story smaller, or check it again deliberately.`
    case 'run':
      return `The run sent nothing for ${seconds(budgetMs ?? RUN_SILENCE_BUDGET_MS)} (a hang, or out of memory), so the engine was stopped and restarted. Your text is safe. Make the story smaller, or run it with the CLI.`
    case 'export':
      return `The export sent nothing for ${seconds(budgetMs ?? RUN_SILENCE_BUDGET_MS)}, so the engine was stopped and restarted. Your text is safe. Export it with the CLI instead.`
    case 'size':
      return `This story is longer than ${STORY_MAX_CHARS.toLocaleString('en-US')} characters, more than the studio checks or runs. Your text is safe. Split it, or run it with the CLI.`
  }
}
