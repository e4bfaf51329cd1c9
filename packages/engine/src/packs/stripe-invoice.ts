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
  toDataMap,
} from './field-spec.ts'
import { addressFrom, CREATED, ownId, stripeId } from './stripe-common.ts'
import { nunix, unixAfterDays } from './stripe-customer.ts'

const SUB = 'customer.subscription.created.data.object'
const CUS = 'customer.created.data.object'

// The first invoice of a subscription comes with it (Stripe: the same instant; a story may delay
// it); renewals come a billing period later. Within 20 days of the subscription is the first.
const FIRST = `seconds_between(ref(customer.subscription.created.timestamp), timestamp) < 1728000`

/** The invoice id: the subscription's `latest_invoice` for its first invoice, a new id for renewals. */
const INVOICE_ID = `= ${FIRST} ? ref(${SUB}.latest_invoice) : (${ownId('in').slice(2)})`
const ITEM = `ref(${SUB}.items.data)[0]`
const AMOUNT = `= ${ITEM}.price.unit_amount * ${ITEM}.quantity`

const LINE: Fields = {
  id: str(stripeId('il')),
  object: is('line_item'),
  amount: int(AMOUNT),
  currency: str('usd'),
  description: nstr(
    `= str(${ITEM}.quantity) + ' × ' + ${ITEM}.price.nickname + ' (at $' + fixed(${ITEM}.price.unit_amount / 100, 2) + ' / month)'`,
  ),
  discount_amounts: list([]),
  discountable: bool(true),
  discounts: list([]),
  invoice: nstr(INVOICE_ID),
  livemode: bool(false),
  metadata: objv({}),
  parent: objv(
    `= {'type': 'subscription_item_details', 'invoice_item_details': null, 'subscription_item_details': {'invoice_item': null, 'proration': false, 'proration_details': {'credited_items': null}, 'subscription': ref(${SUB}.id), 'subscription_item': ${ITEM}.id}}`,
  ),
  period: obj({ end: int(unixAfterDays(30)), start: int(CREATED) }),
  pretax_credit_amounts: list([]),
  pricing: objv(
    `= {'type': 'price_details', 'price_details': {'price': ${ITEM}.price.id, 'product': ${ITEM}.price.product}, 'unit_amount_decimal': ${ITEM}.price.unit_amount_decimal}`,
  ),
  quantity: nint(`= ${ITEM}.quantity`),
  subtotal: int(AMOUNT),
  taxes: list([]),
}

/** A draft Invoice of the story's subscription (`invoice.created`): the fields every invoice event repeats. */
export const invoiceFields: Fields = {
  id: str(INVOICE_ID),
  object: is('invoice'),
  account_country: str('US'),
  account_name: nstr('= org_id'),
  account_tax_ids: any(null),
  amount_due: int(AMOUNT),
  amount_overpaid: int(0),
  amount_paid: int(0),
  amount_remaining: int(AMOUNT),
  amount_shipping: int(0),
  application: nstr(null),
  attempt_count: int(0),
  attempted: bool(false),
  auto_advance: bool(true),
  automatic_tax: objv({
    disabled_reason: null,
    enabled: false,
    liability: null,
    provider: null,
    status: null,
  }),
  automatically_finalizes_at: nunix(`= ${FIRST} ? null : created + 3600`),
  billing_reason: oneOf(
    ['subscription_create', 'subscription_cycle', 'subscription_update', 'manual', 'upcoming'],
    `= ${FIRST} ? 'subscription_create' : 'subscription_cycle'`,
  ),
  collection_method: oneOf(['charge_automatically', 'send_invoice']),
  created: int(CREATED),
  currency: str('usd'),
  custom_fields: any(null),
  customer: str(`ref(${SUB}.customer)`),
  customer_account: nstr(null),
  customer_address: obj(addressFrom(`${CUS}.address`)),
  customer_email: nstr(`ref(${CUS}.email)`),
  customer_name: nstr(`ref(${CUS}.name)`),
  customer_phone: nstr(`ref(${CUS}.phone)`),
  customer_shipping: nobj(null),
  customer_tax_exempt: nstr(`ref(${CUS}.tax_exempt)`),
  customer_tax_ids: list([]),
  default_payment_method: nstr(null),
  default_source: nstr(null),
  default_tax_rates: list([]),
  description: nstr(null),
  discounts: list([]),
  due_date: nunix(),
  effective_at: nunix(),
  ending_balance: nint(null),
  footer: nstr(null),
  from_invoice: nobj(null),
  hosted_invoice_url: nstr(null),
  invoice_pdf: nstr(null),
  issuer: objv({ type: 'self' }),
  last_finalization_error: nobj(null),
  latest_revision: nstr(null),
  lines: obj({
    object: is('list'),
    data: list([toDataMap(LINE)], obj(LINE)),
    has_more: bool(false),
    total_count: int(1),
    url: str(`= '/v1/invoices/' + (${INVOICE_ID.slice(2)}) + '/lines'`),
  }),
  livemode: bool(false),
  metadata: objv({}),
  next_payment_attempt: nunix(`= ${FIRST} ? null : created + 3600`),
  number: nstr(null),
  on_behalf_of: nstr(null),
  parent: objv(
    `= {'type': 'subscription_details', 'quote_details': null, 'subscription_details': {'metadata': {}, 'subscription': ref(${SUB}.id)}}`,
  ),
  payment_settings: objv({ default_mandate: null, payment_method_options: null, payment_method_types: null }),
  period_end: int(CREATED),
  period_start: int(CREATED),
  post_payment_credit_notes_amount: int(0),
  pre_payment_credit_notes_amount: int(0),
  receipt_number: nstr(null),
  rendering: nobj(null),
  shipping_cost: nobj(null),
  shipping_details: nobj(null),
  starting_balance: int(0),
  statement_descriptor: nstr(null),
  status: oneOf(['draft', 'open', 'paid', 'uncollectible', 'void']),
  status_transitions: obj({
    finalized_at: nunix(),
    marked_uncollectible_at: nunix(),
    paid_at: nunix(),
    voided_at: nunix(),
  }),
  subscription: nstr(`ref(${SUB}.id)`),
  subtotal: int(AMOUNT),
  subtotal_excluding_tax: nint(AMOUNT),
  test_clock: nstr(null),
  total: int(AMOUNT),
  total_discount_amounts: list([]),
  total_excluding_tax: nint(AMOUNT),
  total_pretax_credit_amounts: list([]),
  total_taxes: list([]),
  webhooks_delivered_at: nunix(CREATED),
}

/** A finalized invoice's number: the customer's invoice prefix and a sequence. */
export const INVOICE_NUMBER = `= ref(${CUS}.invoice_prefix) + '-000' + str(random(1, 9))`
