/**
 * The vendors' own validators, loaded as Node would (untyped CommonJS packages): GitHub's webhook
 * schemas (@octokit/webhooks-schemas, through Ajv) and Segment's @segment/loosely-validate-event.
 * Shared by the pack tests and the library-story test.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const Ajv = require('ajv') as new (
  o: object,
) => {
  addSchema(s: unknown, key: string): void
  getSchema(ref: string): ((d: unknown) => boolean) & { errors?: unknown[] }
}
const addFormats = require('ajv-formats') as (ajv: unknown) => void
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema(require('@octokit/webhooks-schemas'), 'octokit')

/** The validator of a GitHub webhook (`pull_request.opened`, `push`): octokit's schema for it. */
export function githubValidator(event: string): ((d: unknown) => boolean) & { errors?: unknown[] } {
  const [header, action] = event.split('.')
  return ajv.getSchema(`octokit#/definitions/${header}$${action ?? 'event'}`)
}

/** Segment's check of a message (throws on an invalid one), as analytics-node runs it. */
export const looselyValidateEvent = require('@segment/loosely-validate-event') as (m: unknown) => void
