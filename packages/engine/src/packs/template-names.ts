/**
 * The names of the built-in templates (`use: stripe/invoice.paid`) with one line each, without
 * their payloads: small enough for editors (the studio's autocomplete) to import on the main thread.
 * packs-catalog.test.ts checks it against the packs themselves.
 */
export const BUILTIN_TEMPLATE_NAMES: readonly { name: string; doc: string }[] = [
  { name: 'stripe/customer.created', doc: 'A Customer signs up' },
  { name: 'stripe/payment_method.attached', doc: 'A card is attached to the customer' },
  { name: 'stripe/customer.subscription.created', doc: 'The customer subscribes to a catalog price' },
  {
    name: 'stripe/customer.subscription.updated',
    doc: 'The subscription changes (by default: set to cancel at period end)',
  },
  { name: 'stripe/customer.subscription.deleted', doc: 'The subscription ends' },
  { name: 'stripe/invoice.created', doc: 'A draft invoice for the subscription' },
  { name: 'stripe/invoice.finalized', doc: 'The draft invoice is finalized (numbered, open)' },
  { name: 'stripe/invoice.paid', doc: 'The finalized invoice is paid' },
  { name: 'stripe/invoice.payment_failed', doc: 'Payment of the finalized invoice fails' },
  { name: 'stripe/charge.succeeded', doc: 'A card charge of the customer succeeds' },
  { name: 'stripe/charge.failed', doc: 'A card charge is declined' },
  { name: 'stripe/charge.refunded', doc: 'The succeeded charge is refunded in full' },
  { name: 'stripe/payment_intent.succeeded', doc: 'The PaymentIntent of the succeeded charge' },
  { name: 'stripe/payment_intent.payment_failed', doc: 'The PaymentIntent of the declined charge' },
  { name: 'github/push', doc: 'Commits pushed to main' },
  { name: 'github/pull_request.opened', doc: 'A pull request is opened' },
  {
    name: 'github/pull_request.closed',
    doc: 'The opened pull request is merged (override `merged` for a plain close)',
  },
  { name: 'github/workflow_run.completed', doc: 'A CI workflow run completes' },
  { name: 'github/check_run.completed', doc: 'A check run completes' },
  { name: 'github/deployment_status.created', doc: 'A deployment reports its status' },
  { name: 'github/issues.opened', doc: 'An issue is opened' },
  { name: 'github/release.published', doc: 'A release is published' },
  { name: 'segment/track', doc: 'A track call; the envelope `event:` is the event name (`Signed Up`)' },
  { name: 'segment/identify', doc: 'An identify call with traits' },
  { name: 'segment/page', doc: 'A page view' },
  { name: 'segment/group', doc: 'A group (account) call' },
  {
    name: 'posthog/capture',
    doc: '`posthog.capture()`; the envelope `event:` is the event name (`user_signed_up`)',
  },
  { name: 'posthog/identify', doc: '`posthog.identify()` with person properties (`$set`, `$set_once`)' },
  { name: 'pagerduty/incident.triggered', doc: 'An incident opens (on the checkout-api service by default)' },
  { name: 'pagerduty/incident.acknowledged', doc: 'A responder acknowledges it' },
  { name: 'pagerduty/incident.resolved', doc: 'The incident is resolved' },
]
