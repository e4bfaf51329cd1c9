import { bool, type Fields, int, is, nstr, obj, str } from './field-spec.ts'

/**
 * The Stripe API version every Stripe pack object follows: the object shapes are those of Stripe's
 * published fixtures (openapi `fixtures3.json`), which describe this version.
 */
export const STRIPE_API_VERSION = '2025-10-29.clover'

/** A Stripe id: the prefix, `_`, then `1` and random alphanumerics (`cus_1Pgc6r...`), `length` after the `_`. */
export function stripeId(prefix: string, length = 24): string {
  return `${prefix}_1\${faker.string.alphanumeric(${length - 1})}`
}

// Positions of the event id (`evt_` + 24) that make an object's own id. Nested fields cannot read
// their object's `id` (only the Event's top-level fields are names), so the object id and every
// nested copy of it (`items.data[0].subscription`, `lines.url`, ...) are the same expression over
// the Event's `id`: equal by construction, and unrelated-looking to the event id.
const SCRAMBLE = [17, 9, 22, 5, 14, 27, 11, 6, 20, 25, 8, 15, 23, 12, 7, 26, 19, 10, 24, 13, 16, 21, 18]

/** The expression of the id of the object an Event carries (`sub_1...`), derived from the Event's `id`. */
export function ownId(prefix: string, length = 24): string {
  const parts = SCRAMBLE.slice(0, length - 1).map((i) => `id[${i}]`)
  return `= '${prefix}_1' + ${parts.join(' + ')}`
}

/** Unix seconds of this occurrence, as the object's `created` (the Event's own `created`). */
export const CREATED = '= created'

/** A Stripe address with realistic parts. */
export const ADDRESS: Fields = {
  city: nstr('faker.location.city()'),
  country: nstr("choice(['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA'])"),
  line1: nstr('faker.location.streetAddress()'),
  line2: nstr(null),
  postal_code: nstr('faker.location.zipCode()'),
  state: nstr("faker.location.state({'abbreviated': true})"),
}

/** The same address read from another object (`ref(<path>.city)`, ...). */
export function addressFrom(path: string): Fields {
  const out: Fields = {}
  for (const k of Object.keys(ADDRESS)) out[k] = nstr(`ref(${path}.${k})`)
  return out
}

/** Where an Event came from: an API request of the merchant, or Stripe itself (renewals, retries). */
export type StripeRequest = 'api' | 'automatic'

/** The Event object around a resource: what Stripe POSTs to a webhook endpoint. */
export function stripeEvent(object: Fields, request: StripeRequest, previous?: Fields): Fields {
  const data: Fields = { object: obj(object) }
  // Which attributes changed depends on the update: each is optional (the types still hold).
  if (previous)
    data.previous_attributes = obj(
      Object.fromEntries(Object.entries(previous).map(([k, f]) => [k, { ...f, required: false }])),
    )
  return {
    id: str(`evt_1\${faker.string.alphanumeric(23)}`),
    object: is('event'),
    api_version: is(STRIPE_API_VERSION),
    created: int("datetime('unix')"),
    data: obj(data),
    livemode: bool(false),
    pending_webhooks: int(1),
    request: obj(
      request === 'api'
        ? { id: nstr(`req_\${faker.string.alphanumeric(14)}`), idempotency_key: nstr('uuid4()') }
        : { id: nstr(null), idempotency_key: nstr(null) },
    ),
    type: str('= $event'),
  }
}
