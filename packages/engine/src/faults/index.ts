// Fault injection (SPEC section 10): duplicates, late delivery, dropped and null fields, damaged records, drift.
export { corruptText } from './corrupt-text.ts'
export { faultLogLines } from './fault-log.ts'
export {
  DEFAULT_DUPLICATE_AFTER_MS,
  DEFAULT_LATE_BY_MS,
  type DefFaults,
  type FaultPlan,
  hasFaults,
  MAX_FAULT_DELAY_MS,
  prepareFaults,
} from './fault-plan.ts'
export { FAULT_KINDS, type FaultKind } from './fault-spec.ts'
export { STREAM_FAULTS } from './fault-streams.ts'
export {
  type DeliveredRecord,
  type FaultNote,
  type InjectOptions,
  injectFaults,
  MAX_HELD,
} from './inject-faults.ts'
