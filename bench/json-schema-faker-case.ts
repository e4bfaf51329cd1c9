import { faker } from '@faker-js/faker'
import { createGeneratorSync, type JsonSchema } from 'json-schema-faker'
import type { ByteSink } from './byte-sink.ts'

const envelope = (source: string, event: string, data: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    org_id: { const: 'example_org' },
    source: { const: source },
    event: { const: event },
    timestamp: { type: 'string', format: 'date-time' },
    data,
  },
  required: ['id', 'org_id', 'source', 'event', 'timestamp', 'data'],
  additionalProperties: false,
})

/** The reference story's two record shapes as JSON Schema, names and emails from faker. */
const SIGNUP = envelope('posthog', 'user.signup', {
  type: 'object',
  properties: {
    user_id: { type: 'string', format: 'uuid' },
    plan: { enum: ['free', 'pro', 'enterprise'] },
    source: { enum: ['google', 'direct', 'referral'] },
    name: { type: 'string', faker: 'person.fullName' },
    email: { type: 'string', faker: 'internet.email' },
  },
  required: ['user_id', 'plan', 'source', 'name', 'email'],
  additionalProperties: false,
})

const SUBSCRIPTION = envelope('stripe', 'subscription.created', {
  type: 'object',
  properties: {
    customer_id: { type: 'string', format: 'uuid' },
    plan: { enum: ['free', 'pro', 'enterprise'] },
    amount: { enum: [0, 99, 499] },
  },
  required: ['customer_id', 'plan', 'amount'],
  additionalProperties: false,
})

/**
 * json-schema-faker as a peer: the same record shape from a schema (it has no notion of
 * time order, weights or references between records, so those are not reproduced).
 */
export function jsonSchemaFakerLoop(events: number, sink: ByteSink): number {
  faker.seed(42)
  const gen = createGeneratorSync({ seed: 42, extensions: { faker } })
  for (let i = 0; i < events; i++) {
    sink.line(`${JSON.stringify(gen.generate(i % 2 === 0 ? SIGNUP : SUBSCRIPTION))}\n`)
  }
  sink.end()
  return events
}
