import {
  any,
  bool,
  type Fields,
  int,
  is,
  list,
  nint,
  nobj,
  nstr,
  obj,
  objv,
  oneOf,
  str,
} from './field-spec.ts'
import { addressFrom, CREATED, ownId, stripeId } from './stripe-common.ts'
import { CUSTOMER, nunix } from './stripe-customer.ts'

const CUS = 'customer.created.data.object'
const CHARGE_ID = ownId('ch')
// Nested fields cannot read each other, so `amount` and `amount_captured` are one expression over
// the Event's `created`: $5.00 to $195.00 in whole dollars, equal by construction.
const CHARGE_AMOUNT = '= 500 + 100 * (created % 191)'

const CARD_DETAILS = {
  amount_authorized: null,
  authorization_code: null,
  brand: 'visa',
  checks: { address_line1_check: null, address_postal_code_check: 'pass', cvc_check: 'pass' },
  country: 'US',
  exp_month: 8,
  exp_year: 2030,
  extended_authorization: { status: 'disabled' },
  funding: 'credit',
  incremental_authorization: { status: 'unavailable' },
  installments: null,
  last4: '4242',
  mandate: null,
  multicapture: { status: 'unavailable' },
  network: 'visa',
  network_token: { used: false },
  network_transaction_id: null,
  overcapture: { maximum_amount_capturable: null, status: 'unavailable' },
  regulated_status: 'unregulated',
  three_d_secure: null,
  wallet: null,
}

/** A successful card Charge of the story's customer (`charge.succeeded`); it names its PaymentIntent. */
export const chargeFields: Fields = {
  id: str(CHARGE_ID),
  object: is('charge'),
  amount: int(CHARGE_AMOUNT),
  amount_captured: int(CHARGE_AMOUNT),
  amount_refunded: int(0),
  application: nstr(null),
  application_fee: nstr(null),
  application_fee_amount: nint(null),
  balance_transaction: nstr(stripeId('txn')),
  billing_details: obj({
    address: obj(addressFrom(`${CUS}.address`)),
    email: nstr(`ref(${CUS}.email)`),
    name: nstr(`ref(${CUS}.name)`),
    phone: nstr(null),
    tax_id: nstr(null),
  }),
  calculated_statement_descriptor: nstr('= upper(org_id)'),
  captured: bool(true),
  created: int(CREATED),
  currency: str('usd'),
  customer: nstr(CUSTOMER),
  description: nstr(null),
  disputed: bool(false),
  failure_balance_transaction: nstr(null),
  failure_code: nstr(null),
  failure_message: nstr(null),
  fraud_details: objv({}),
  livemode: bool(false),
  metadata: objv({}),
  on_behalf_of: nstr(null),
  outcome: obj({
    advice_code: nstr(null),
    network_advice_code: nstr(null),
    network_decline_code: nstr(null),
    network_status: nstr('approved_by_network'),
    reason: nstr(null),
    risk_level: str("weighted({'normal': 0.97, 'elevated': 0.03})"),
    risk_score: int('random(2, 64)'),
    seller_message: nstr('Payment complete.'),
    type: str('authorized'),
  }),
  paid: bool(true),
  payment_intent: nstr(stripeId('pi')),
  payment_method: nstr(stripeId('pm')),
  payment_method_details: objv({ card: CARD_DETAILS, type: 'card' }),
  receipt_email: nstr(null),
  receipt_number: nstr(null),
  receipt_url: nstr(`https://pay.stripe.com/receipts/payment/\${faker.string.alphanumeric(96)}`),
  refunded: bool(false),
  refunds: obj({
    object: is('list'),
    data: list([]),
    has_more: bool(false),
    total_count: int(0),
    url: str(`= '/v1/charges/' + ${CHARGE_ID.slice(2)} + '/refunds'`),
  }),
  review: nstr(null),
  shipping: nobj(null),
  source: nobj(null),
  source_transfer: nstr(null),
  statement_descriptor: nstr(null),
  statement_descriptor_suffix: nstr(null),
  status: oneOf(['succeeded', 'pending', 'failed']),
  transfer_data: nobj(null),
  transfer_group: nstr(null),
}

/** A declined card Charge (`charge.failed`): Stripe's generic decline. */
export const failedChargeChanges: Fields = {
  amount_captured: int(0),
  balance_transaction: nstr(null),
  captured: bool(false),
  failure_code: nstr('card_declined'),
  failure_message: nstr('Your card was declined.'),
  outcome: obj({
    advice_code: nstr('try_again_later'),
    network_advice_code: nstr(null),
    network_decline_code: nstr(null),
    network_status: nstr('declined_by_network'),
    reason: nstr('generic_decline'),
    risk_level: str('normal'),
    risk_score: int('random(2, 64)'),
    seller_message: nstr('The bank did not return any further details with this decline.'),
    type: str('issuer_declined'),
  }),
  paid: bool(false),
  status: oneOf(['failed', 'succeeded', 'pending']),
}

/** The refund inside a refunded charge's `refunds` list. */
const REFUND = (charge: string) =>
  `= [{'id': 're_1' + faker.string.alphanumeric(23), 'object': 'refund', 'amount': ref(${charge}.amount), 'balance_transaction': 'txn_1' + faker.string.alphanumeric(23), 'charge': ref(${charge}.id), 'created': created, 'currency': ref(${charge}.currency), 'destination_details': {'card': {'reference_status': 'pending', 'reference_type': 'acquirer_reference_number', 'type': 'refund'}, 'type': 'card'}, 'metadata': {}, 'payment_intent': ref(${charge}.payment_intent), 'reason': choice(['requested_by_customer', 'requested_by_customer', 'duplicate', 'fraudulent']), 'receipt_number': null, 'source_transfer_reversal': null, 'status': 'succeeded', 'transfer_reversal': null}]`

/** What `charge.refunded` changes on the charge it repeats. */
export function refundChanges(charge: string): Fields {
  return {
    amount_refunded: int(`ref(${charge}.amount)`),
    refunded: bool(true),
    refunds: obj({
      object: is('list'),
      data: list(REFUND(charge)),
      has_more: bool(false),
      total_count: int(1),
      url: str(`= '/v1/charges/' + ref(${charge}.id) + '/refunds'`),
    }),
  }
}

/** A PaymentIntent, read from the charge that settled it (`charge` is that event's `data.object`). */
export function paymentIntentFields(charge: string, succeeded: boolean): Fields {
  return {
    id: str(`ref(${charge}.payment_intent)`),
    object: is('payment_intent'),
    amount: int(`ref(${charge}.amount)`),
    amount_capturable: int(0),
    amount_details: objv({ tip: {} }),
    amount_received: int(succeeded ? `ref(${charge}.amount)` : 0),
    application: nstr(null),
    application_fee_amount: nint(null),
    automatic_payment_methods: nobj({ allow_redirects: 'always', enabled: true }),
    canceled_at: nunix(),
    cancellation_reason: nstr(null),
    capture_method: oneOf(['automatic_async', 'automatic', 'manual']),
    client_secret: nstr(`= ref(${charge}.payment_intent) + '_secret_' + faker.string.alphanumeric(25)`),
    confirmation_method: oneOf(['automatic', 'manual']),
    created: int(`ref(${charge}.created)`),
    currency: str(`ref(${charge}.currency)`),
    customer: nstr(`ref(${charge}.customer)`),
    customer_account: nstr(null),
    description: nstr(`ref(${charge}.description)`),
    excluded_payment_method_types: any(null),
    last_payment_error: succeeded
      ? nobj(null)
      : nobj(
          `= {'charge': ref(${charge}.id), 'code': 'card_declined', 'decline_code': 'generic_decline', 'doc_url': 'https://docs.stripe.com/error-codes/card-declined', 'message': 'Your card was declined.', 'payment_method': {'id': ref(${charge}.payment_method), 'object': 'payment_method', 'type': 'card'}, 'type': 'card_error'}`,
        ),
    latest_charge: nstr(`ref(${charge}.id)`),
    livemode: bool(false),
    managed_payments: nobj(null),
    metadata: objv({}),
    next_action: nobj(null),
    on_behalf_of: nstr(null),
    payment_method: nstr(succeeded ? `ref(${charge}.payment_method)` : null),
    payment_method_configuration_details: nobj(null),
    payment_method_options: objv({
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    }),
    payment_method_types: list(['card']),
    processing: nobj(null),
    receipt_email: nstr(`ref(${charge}.receipt_email)`),
    review: nstr(null),
    setup_future_usage: nstr(null),
    shipping: nobj(null),
    source: nstr(null),
    statement_descriptor: nstr(null),
    statement_descriptor_suffix: nstr(null),
    status: oneOf(
      [
        'succeeded',
        'requires_payment_method',
        'requires_confirmation',
        'requires_action',
        'processing',
        'requires_capture',
        'canceled',
      ],
      succeeded ? 'succeeded' : 'requires_payment_method',
    ),
    transfer_data: nobj(null),
    transfer_group: nstr(null),
  }
}
