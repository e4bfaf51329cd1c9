import { bool, copyFields, type Fields, int, nint, nstr, obj, objv, oneOf, withFields } from './field-spec.ts'
import type { Pack, PackTemplate } from './pack.ts'
import { type StripeRequest, stripeEvent } from './stripe-common.ts'
import { customerFields, nunix, paymentMethodFields } from './stripe-customer.ts'
import { INVOICE_NUMBER, invoiceFields } from './stripe-invoice.ts'
import { chargeFields, failedChargeChanges, paymentIntentFields, refundChanges } from './stripe-payment.ts'
import { subscriptionFields } from './stripe-subscription.ts'

const SUB = 'customer.subscription.created.data.object'
const DRAFT = 'invoice.created.data.object'
const OPEN = 'invoice.finalized.data.object'

function stripe(
  event: string,
  object: Fields,
  request: StripeRequest,
  doc: string,
  reads: string[],
  previous?: Fields,
): PackTemplate {
  return {
    name: `stripe/${event}`,
    source: 'stripe',
    event,
    data: stripeEvent(object, request, previous),
    doc,
    reads,
  }
}

const finalized = copyFields(invoiceFields, DRAFT, {
  status: oneOf(['open', 'paid', 'uncollectible', 'void', 'draft']),
  number: nstr(INVOICE_NUMBER),
  effective_at: nunix('= created'),
  automatically_finalizes_at: nunix(null),
  hosted_invoice_url: nstr(
    `https://invoice.stripe.com/i/acct_1\${faker.string.alphanumeric(15)}/test_\${faker.string.alphanumeric(48)}`,
  ),
  invoice_pdf: nstr(
    `https://pay.stripe.com/invoice/acct_1\${faker.string.alphanumeric(15)}/test_\${faker.string.alphanumeric(48)}/pdf?s=ap`,
  ),
  status_transitions: obj({
    finalized_at: nunix('= created'),
    marked_uncollectible_at: nunix(null),
    paid_at: nunix(null),
    voided_at: nunix(null),
  }),
})

const paid = copyFields(invoiceFields, OPEN, {
  status: oneOf(['paid', 'open', 'uncollectible', 'void', 'draft']),
  amount_paid: int(`ref(${OPEN}.amount_due)`),
  amount_remaining: int(0),
  attempt_count: int(1),
  attempted: bool(true),
  next_payment_attempt: nunix(null),
  status_transitions: obj({
    finalized_at: nunix(`ref(${OPEN}.status_transitions.finalized_at)`),
    marked_uncollectible_at: nunix(null),
    paid_at: nunix('= created'),
    voided_at: nunix(null),
  }),
})

const failed = copyFields(invoiceFields, OPEN, {
  attempt_count: int(1),
  attempted: bool(true),
  // Smart Retries: Stripe tries again a few days later.
  next_payment_attempt: nint('= created + 86400 * random(1, 3)'),
})

const subscriptionChange = (status: string): Fields => ({
  status: oneOf(
    ['active', 'incomplete', 'incomplete_expired', 'trialing', 'past_due', 'unpaid', 'canceled', 'paused'],
    status,
  ),
})

const cancelAtPeriodEnd = copyFields(subscriptionFields, SUB, {
  ...subscriptionChange('active'),
  cancel_at_period_end: bool(true),
  cancel_at: nunix(`ref(${SUB}.items.data)[0].current_period_end`),
  canceled_at: nunix('= created'),
  cancellation_details: obj({
    comment: nstr(null),
    feedback: nstr(
      "weighted({'too_expensive': 0.35, 'unused': 0.25, 'switched_service': 0.15, 'missing_features': 0.1, 'other': 0.15})",
    ),
    reason: nstr('cancellation_requested'),
  }),
})

const deleted = copyFields(subscriptionFields, SUB, {
  ...subscriptionChange('canceled'),
  canceled_at: nunix('= created'),
  ended_at: nunix('= created'),
  cancellation_details: obj({
    comment: nstr(null),
    feedback: nstr(null),
    reason: nstr('cancellation_requested'),
  }),
})

const refunded = copyFields(
  chargeFields,
  'charge.succeeded.data.object',
  refundChanges('charge.succeeded.data.object'),
)

/** The Stripe pack: Event objects of API version STRIPE_API_VERSION. */
export const stripePack: Pack = {
  vendor: 'Stripe',
  file: 'packs/stripe.yaml',
  templates: [
    stripe('customer.created', customerFields, 'api', 'A Customer signs up', []),
    stripe('payment_method.attached', paymentMethodFields, 'api', 'A card is attached to the customer', [
      'customer.created',
    ]),
    stripe(
      'customer.subscription.created',
      subscriptionFields,
      'api',
      'The customer subscribes to a catalog price',
      ['customer.created'],
    ),
    stripe(
      'customer.subscription.updated',
      cancelAtPeriodEnd,
      'api',
      'The subscription changes (by default: set to cancel at period end)',
      ['customer.subscription.created'],
      {
        cancel_at: nunix(null),
        cancel_at_period_end: bool(false),
        canceled_at: nunix(null),
        cancellation_details: objv({ comment: null, feedback: null, reason: null }),
      },
    ),
    stripe('customer.subscription.deleted', deleted, 'automatic', 'The subscription ends', [
      'customer.subscription.created',
    ]),
    stripe(
      'invoice.created',
      withFields(invoiceFields, {}),
      'automatic',
      'A draft invoice for the subscription',
      ['customer.subscription.created', 'customer.created'],
    ),
    stripe('invoice.finalized', finalized, 'automatic', 'The draft invoice is finalized (numbered, open)', [
      'invoice.created',
      'customer.created',
    ]),
    stripe('invoice.paid', paid, 'automatic', 'The finalized invoice is paid', ['invoice.finalized']),
    stripe('invoice.payment_failed', failed, 'automatic', 'Payment of the finalized invoice fails', [
      'invoice.finalized',
    ]),
    stripe('charge.succeeded', chargeFields, 'automatic', 'A card charge of the customer succeeds', [
      'customer.created',
    ]),
    stripe(
      'charge.failed',
      withFields(chargeFields, failedChargeChanges),
      'automatic',
      'A card charge is declined',
      ['customer.created'],
    ),
    stripe('charge.refunded', refunded, 'api', 'The succeeded charge is refunded in full', [
      'charge.succeeded',
    ]),
    stripe(
      'payment_intent.succeeded',
      paymentIntentFields('charge.succeeded.data.object', true),
      'automatic',
      'The PaymentIntent of the succeeded charge',
      ['charge.succeeded'],
    ),
    stripe(
      'payment_intent.payment_failed',
      paymentIntentFields('charge.failed.data.object', false),
      'automatic',
      'The PaymentIntent of the declined charge',
      ['charge.failed'],
    ),
  ],
}
