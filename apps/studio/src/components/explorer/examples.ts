/**
 * Example SQL for the Query panel: a few for every run, and some for the library stories, offered
 * when the run has the events they are about.
 */

/** One example query. */
export interface ExampleQuery {
  label: string
  sql: string
  /** Event types the run must have for the example to make sense. */
  needs?: string[]
}

const EXAMPLES: ExampleQuery[] = [
  {
    label: 'Events by type',
    sql: 'SELECT source, event, count(*) AS events\nFROM events\nGROUP BY ALL\nORDER BY events DESC',
  },
  {
    label: 'Events per day',
    sql: "SELECT date_trunc('day', time) AS day, count(*) AS events\nFROM events\nGROUP BY day\nORDER BY day",
  },
  {
    label: 'Signups by plan',
    sql: "SELECT data.plan AS plan, count(*) AS signups\nFROM events\nWHERE event = 'user.signup'\nGROUP BY plan\nORDER BY signups DESC",
    needs: ['user.signup'],
  },
  {
    label: 'Pro signups per week',
    sql: "SELECT date_trunc('week', time) AS week, count(*) AS signups\nFROM events\nWHERE event = 'user.signup' AND data.plan = 'pro'\nGROUP BY week\nORDER BY week",
    needs: ['user.signup'],
  },
  {
    label: 'Revenue by plan',
    sql: "SELECT data.plan AS plan, sum(data.amount) AS amount\nFROM events\nWHERE event = 'subscription.created'\nGROUP BY plan\nORDER BY amount DESC",
    needs: ['subscription.created'],
  },
  {
    label: 'Hourly temperature',
    sql: "SELECT date_trunc('hour', time) AS hour, avg(data.temperature_c) AS temperature_c\nFROM events\nWHERE event = 'sensor.reading'\nGROUP BY hour\nORDER BY hour",
    needs: ['sensor.reading'],
  },
  {
    label: 'Vibration by device',
    sql: "SELECT data.device_id AS device, max(data.vibration_mm_s) AS peak_mm_s\nFROM events\nWHERE event = 'sensor.reading'\nGROUP BY device\nORDER BY peak_mm_s DESC",
    needs: ['sensor.reading'],
  },
  {
    label: 'Orders vs payments per day',
    sql: "SELECT date_trunc('day', time) AS day, count(*) FILTER (event = 'order.placed') AS orders,\n  count(*) FILTER (event = 'payment.captured') AS payments\nFROM events\nGROUP BY day\nORDER BY day",
    needs: ['order.placed', 'payment.captured'],
  },
  {
    label: 'Alerts by monitor',
    sql: "SELECT source, event, count(*) AS n\nFROM events\nWHERE source IN ('datadog', 'pagerduty')\nGROUP BY ALL\nORDER BY n DESC",
    needs: ['monitor_alert'],
  },
  {
    label: 'Funnel steps',
    sql: "SELECT event, count(*) AS n\nFROM events\nWHERE source = 'posthog'\nGROUP BY event\nORDER BY n DESC",
    needs: ['user_signed_up'],
  },
  {
    label: 'Product views by day',
    sql: "SELECT date_trunc('day', time) AS day, count(*) AS views\nFROM events\nWHERE event = 'product_viewed'\nGROUP BY day\nORDER BY day",
    needs: ['product_viewed'],
  },
  {
    label: 'Stripe webhooks by type',
    sql: "SELECT event, count(*) AS n\nFROM events\nWHERE source = 'stripe'\nGROUP BY event\nORDER BY n DESC",
    needs: ['invoice.created'],
  },
]

/** The examples that fit a run with these event types. */
export function examplesFor(eventTypes: readonly string[]): ExampleQuery[] {
  const have = new Set(eventTypes)
  return EXAMPLES.filter((e) => !e.needs || e.needs.every((n) => have.has(n)))
}
