/**
 * Actors and rates in the studio (issues 16 and 17): state-event lanes, the Inspector's actor path (each
 * step selects its event), the Summary's funnel (its counts are the state lanes' counts), and the expected
 * intensity curve behind a rate lane.
 */
import { expect, test } from './fixtures.ts'

const SAAS = 'SaaS funnel (PostHog + Stripe)'

test('an actor story: funnel counts are the state events, the actor path selects its events, the rate lane has its curve', async ({
  studio,
  page,
}) => {
  await studio.open()
  await studio.openLibraryCopy(SAAS)
  await expect(page.getByText(/^[\d,]+ events in /)).toBeVisible({ timeout: 60_000 })
  await expect(studio.timelineChart()).toHaveAttribute('data-run', /^\d+$/)

  // Lanes of state entries are named by their state.
  for (const lane of [
    'user.signed_up · signup',
    'user.activated',
    'user.churned · customer.subscription.deleted',
  ])
    await expect(studio.laneLabel(lane)).toBeVisible()

  // The funnel: actors per state, equal to the events on that state (each entered once per actor).
  const funnel = studio.page.getByRole('table', { name: 'Funnel of user' })
  await expect(funnel).toBeVisible()
  const actorsIn = async (state: string) =>
    funnel.locator(`tr[data-state="${state}"] .funnel-count`).getAttribute('data-actors')
  for (const [state, lane] of [
    ['signed_up', 'user.signed_up · signup'],
    ['activated', 'user.activated'],
    ['subscribed', 'user.subscribed · customer.created'],
    ['churned', 'user.churned · customer.subscription.deleted'],
  ]) {
    const count = (await studio.laneCount(lane)).replace(/,/g, '')
    expect(await actorsIn(state), `${state} actors`).toBe(count)
  }
  // billed repeats monthly: its entries are the invoices, more than the actors who got there
  const billed = funnel.locator('tr[data-state="billed"]')
  const invoices = await studio.laneCount('user.billed · invoice.created')
  await expect(billed).toContainText(`${invoices} entries`)
  // dormant has no event: said, not counted as zero
  await expect(funnel.locator('tr[data-state="dormant"]')).toContainText('not in the output')

  // The signups follow a rate: the lane has the expected-intensity curve, and the header its key.
  await expect(studio.timeline.getByText('expected', { exact: true })).toBeVisible()
  const signupLine = studio.timeline.locator('path.intensity-line[data-def="0"]')
  await expect(signupLine).toHaveAttribute('d', /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){20,}$/)
  await expect(studio.timeline.locator('path.intensity-line')).toHaveCount(1)

  // A churn: the Inspector shows its actor and the path of states that led there.
  await studio.clickTimelineMark('user.churned · customer.subscription.deleted', 0)
  await expect(studio.inspector).toContainText('customer.subscription.deleted')
  const actor = studio.inspector.getByRole('region', { name: /^Actor user #\d+$/ })
  await expect(actor).toBeVisible()
  const name = ((await actor.getAttribute('aria-label')) ?? '').replace(/^Actor /, '')
  await expect(actor).toContainText('email')
  await expect(actor).toContainText('tier')
  const steps = actor.getByRole('listitem')
  await expect(steps.first()).toContainText('signed_up')
  await expect(steps.last()).toContainText('churned')
  await expect(steps.last()).toContainText('this event')
  await expect(actor.getByRole('button', { name: /^Go to the billed entry/ }).first()).toBeVisible()

  // Each step selects its event: the signup of the same actor, whose path is that one step.
  await actor.getByRole('button', { name: `Go to the signed_up entry of ${name} (step 1)` }).click()
  await expect(studio.inspector).toContainText('posthog · user_signed_up')
  const again = studio.inspector.getByRole('region', { name: `Actor ${name}` })
  await expect(again.getByRole('listitem')).toHaveCount(1)
  await expect(again).toContainText('The actor goes on after this event.')
  await expect(studio.inspector).toContainText('Reached from')
})
