// Helpers other modules (and tests) use directly.
export { weightTable } from './choice.ts'
export { poisson } from './random.ts'
