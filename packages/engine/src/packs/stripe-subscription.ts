import {
  any,
  bool,
  type Fields,
  int,
  is,
  list,
  nobj,
  nstr,
  obj,
  objv,
  oneOf,
  str,
  toDataMap,
} from './field-spec.ts'
import { CUSTOMER, nunix, unixAfterDays } from './stripe-customer.ts'
import { CREATED, ownId, stripeId } from './stripe-common.ts'

/** The catalog: one Price per plan, the same ids all story long (prices are catalog objects). */
const PRICES = [
  { id: 'price_1u8jzPde0IgxLd6GncfBAepf', product: 'prod_1JBd0Kh8oOOL8d', nickname: 'Starter', amount: 1500 },
  { id: 'price_1KLzdocJ2isAjIhKtJ0RlgLK', product: 'prod_1OmxgJTeKdNnFR', nickname: 'Pro', amount: 4900 },
  { id: 'price_1IBXuDL7DxtpYlSXpfKtHF4v', product: 'prod_1UCsMehGAkWvj7', nickname: 'Team', amount: 9900 },
].map((p) => ({
  id: p.id,
  object: 'price',
  active: true,
  billing_scheme: 'per_unit',
  created: 1704067200,
  currency: 'usd',
  custom_unit_amount: null,
  livemode: false,
  lookup_key: p.nickname.toLowerCase(),
  metadata: {},
  nickname: p.nickname,
  product: p.product,
  recurring: { interval: 'month', interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' },
  tax_behavior: 'exclusive',
  tiers_mode: null,
  transform_quantity: null,
  type: 'recurring',
  unit_amount: p.amount,
  unit_amount_decimal: String(p.amount),
}))

// Starter is the most common plan: the list repeats it (choice() is uniform).
const PRICE_CHOICE = `= choice(${JSON.stringify([PRICES[0], PRICES[0], PRICES[0], PRICES[1], PRICES[1], PRICES[2]])})`

/** The subscription's own id: the same expression wherever the object repeats it. */
const SUBSCRIPTION_ID = ownId('sub')

const ITEM: Fields = {
  id: str(stripeId('si', 14)),
  object: is('subscription_item'),
  billing_thresholds: nobj(null),
  created: int(CREATED),
  current_period_end: int(unixAfterDays(30)),
  current_period_start: int(CREATED),
  discounts: list([]),
  metadata: objv({}),
  price: objv(PRICE_CHOICE, { id: str(null), unit_amount: int(null), currency: str(null) }),
  quantity: int('weighted({1: 0.8, 2: 0.1, 5: 0.07, 10: 0.03})'),
  subscription: str(SUBSCRIPTION_ID),
  tax_rates: list([]),
}

/** A Subscription of the story's customer, with one item on a catalog price. */
export const subscriptionFields: Fields = {
  id: str(SUBSCRIPTION_ID),
  object: is('subscription'),
  application: nstr(null),
  application_fee_percent: any(null),
  automatic_tax: obj({ disabled_reason: nstr(null), enabled: bool(false), liability: nobj(null) }),
  billing_cycle_anchor: int(CREATED),
  billing_cycle_anchor_config: nobj(null),
  billing_mode: objv({ flexible: null, type: 'classic' }),
  billing_schedules: list([]),
  billing_thresholds: nobj(null),
  cancel_at: nunix(),
  cancel_at_period_end: bool(false),
  canceled_at: nunix(),
  cancellation_details: obj({ comment: nstr(null), feedback: nstr(null), reason: nstr(null) }),
  collection_method: oneOf(['charge_automatically', 'send_invoice']),
  created: int(CREATED),
  currency: str('usd'),
  customer: str(CUSTOMER),
  customer_account: nstr(null),
  days_until_due: nunix(),
  default_payment_method: nstr(null),
  default_source: nstr(null),
  default_tax_rates: list([]),
  description: nstr(null),
  discounts: list([]),
  ended_at: nunix(),
  invoice_settings: objv({ account_tax_ids: null, issuer: { type: 'self' } }),
  items: obj({
    object: is('list'),
    data: list([toDataMap(ITEM)], obj(ITEM)),
    has_more: bool(false),
    total_count: int(1),
    url: str(`= '/v1/subscription_items?subscription=' + ${SUBSCRIPTION_ID.slice(2)}`),
  }),
  // The first invoice is created with the subscription: `invoice.created` reads this id.
  latest_invoice: nstr(stripeId('in')),
  livemode: bool(false),
  managed_payments: nobj({ enabled: false }),
  metadata: objv({}),
  next_pending_invoice_item_invoice: nunix(),
  on_behalf_of: nstr(null),
  pause_collection: nobj(null),
  payment_settings: objv({
    payment_method_options: null,
    payment_method_types: null,
    save_default_payment_method: 'off',
  }),
  pending_invoice_item_interval: nobj(null),
  pending_setup_intent: nstr(null),
  pending_update: nobj(null),
  schedule: nstr(null),
  start_date: int(CREATED),
  status: oneOf(['active', 'incomplete', 'incomplete_expired', 'trialing', 'past_due', 'unpaid', 'canceled', 'paused']),
  test_clock: nstr(null),
  transfer_data: nobj(null),
  trial_end: nunix(),
  trial_settings: objv({ end_behavior: { missing_payment_method: 'create_invoice' } }),
  trial_start: nunix(),
}
