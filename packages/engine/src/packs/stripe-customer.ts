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
import { ADDRESS, addressFrom, CREATED, ownId } from './stripe-common.ts'

/** The customer's id, read from the story's `customer.created` event (the conventional link). */
export const CUSTOMER = 'ref(customer.created.data.object.id)'
const CUSTOMER_OBJECT = 'customer.created.data.object'

/** A Customer, as created by the merchant's sign-up flow. */
export const customerFields: Fields = {
  id: str(ownId('cus', 14)),
  object: is('customer'),
  address: obj(ADDRESS),
  balance: int(0),
  created: int(CREATED),
  currency: nstr(null),
  default_source: nstr(null),
  delinquent: bool(false),
  description: nstr(null),
  discount: nobj(null),
  email: nstr('lower(faker.internet.email())'),
  invoice_prefix: str('upper(faker.string.alphanumeric(8))'),
  invoice_settings: obj({
    custom_fields: any(null),
    default_payment_method: nstr(null),
    footer: nstr(null),
    rendering_options: nobj(null),
  }),
  livemode: bool(false),
  metadata: objv({}),
  name: nstr('faker.person.fullName()'),
  next_invoice_sequence: int(1),
  phone: nstr("faker.phone.number({'style': 'international'})"),
  preferred_locales: list([]),
  shipping: nobj(null),
  tax_exempt: oneOf(['none', 'exempt', 'reverse']),
  test_clock: nstr(null),
}

/** Stripe's test cards by outcome: 4242 succeeds, 0341 attaches but every charge is declined. */
const CARD: Fields = {
  brand: oneOf(['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'unknown']),
  checks: obj({
    address_line1_check: nstr(null),
    address_postal_code_check: nstr('pass'),
    cvc_check: nstr('pass'),
  }),
  country: nstr('US'),
  display_brand: nstr('visa'),
  exp_month: int('random(1, 12)'),
  exp_year: int('random(2027, 2032)'),
  fingerprint: nstr('faker.string.alphanumeric(16)'),
  funding: oneOf(['credit', 'debit', 'prepaid', 'unknown']),
  generated_from: nobj(null),
  last4: str('4242'),
  networks: nobj({ available: ['visa'], preferred: null }),
  regulated_status: nstr('unregulated'),
  three_d_secure_usage: nobj({ supported: true }),
  wallet: nobj(null),
}

/** A card PaymentMethod attached to the story's customer. */
export const paymentMethodFields: Fields = {
  id: str(ownId('pm')),
  object: is('payment_method'),
  allow_redisplay: oneOf(['unspecified', 'always', 'limited']),
  billing_details: obj({
    address: obj(addressFrom(`${CUSTOMER_OBJECT}.address`)),
    email: nstr(`ref(${CUSTOMER_OBJECT}.email)`),
    name: nstr(`ref(${CUSTOMER_OBJECT}.name)`),
    phone: nstr(null),
    tax_id: nstr(null),
  }),
  card: obj(CARD),
  created: int(CREATED),
  customer: nstr(CUSTOMER),
  customer_account: nstr(null),
  livemode: bool(false),
  metadata: objv({}),
  type: oneOf(['card', 'sepa_debit', 'us_bank_account', 'link', 'paypal']),
}

/** The unix seconds `days` after this occurrence (a period end). */
export const unixAfterDays = (days: number): string => `datetime('unix', timestamp + duration(days=${days}))`

/** Nullable unix seconds (`canceled_at`, `ended_at`, ...). */
export const nunix = (value: unknown = null) => nint(value)
