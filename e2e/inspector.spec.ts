/** Journey step 4: from a timeline mark to the resolved `ref()` and on to the referenced occurrence. */
import { expect, test } from './fixtures.ts'
import { SEED_ADVANCED } from './studio-page.ts'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

test('4. a subscription shows customer_id resolved from ref(user.signup.user_id), and the link selects that signup', async ({
  studio,
}) => {
  await studio.open()
  await studio.openLibraryCopy(SEED_ADVANCED)
  await studio.waitForRunDone(60)
  await studio.expectTimeline(60, 2)

  // The third subscription (2025-01-03) on the timeline.
  await studio.clickTimelineMark('stripe · subscription.created', 2)
  await expect(studio.inspector).toContainText('stripe · subscription.created')
  await expect(studio.inspector).toContainText('#3')
  const customer = studio.inspectorField('customer_id')
  await expect(customer).toContainText('ref(user.signup.user_id)')
  const link = customer.getByRole('button', { name: 'Go to referenced user.signup #3' })
  await expect(link).toBeVisible()
  const customerId = UUID.exec((await customer.textContent()) ?? '')?.[0]
  expect(customerId, 'customer_id shows a UUID').toBeTruthy()

  await link.click()
  await expect(studio.inspector).toContainText('posthog · user.signup')
  await expect(studio.inspector).toContainText('#3')
  await expect(studio.inspectorField('user_id')).toContainText(customerId!)
  // The way back is offered, and the timeline marks both.
  await expect(
    studio.inspector.getByRole('button', { name: 'Back to subscription.created #3' }),
  ).toBeVisible()
  await expect(studio.inspector).toContainText('both marked on the timeline')
})
