// biome-ignore-all lint/suspicious/noTemplateCurlyInString: pack values are story-language text, where `${...}` is a template.
import { any, type Field, type Fields, int, is, list, obj, objv, oneOf, str } from './field-spec.ts'
import type { Pack, PackTemplate } from './pack.ts'

// A webhook body is `{event: {...}}`: one top-level field, so nested fields cannot read each other.
// The incident id is therefore one expression over the occurrence index (7 characters, like
// PagerDuty's `Q2NQTNZ3K8M7QM` style ids but short), repeated wherever the incident names itself.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const CODE = `'Q' + ${[0, 1, 2, 3, 4, 5]
  .map(
    (k) =>
      `'${ALPHABET}'[floor((index * 2654435761 + 97531) / ${ALPHABET.length ** k}) % ${ALPHABET.length}]`,
  )
  .join(' + ')}`
const SUBDOMAIN = '${lower(org_id)}'

const reference = (type: string, id: string, summary: string, path: string): Field =>
  objv({
    html_url: `https://${'ORG'}.pagerduty.com/${path}/${id}`.replace('ORG', SUBDOMAIN),
    id,
    self: `https://api.pagerduty.com/${path}/${id}`,
    summary,
    type,
  })

const SERVICE = reference('service_reference', 'PF9KMXH', 'checkout-api', 'service-directory')
const POLICY = reference('escalation_policy_reference', 'PUS0BFQ', 'Platform on-call', 'escalation_policies')
const TEAM = reference('team_reference', 'PFCVPS0', 'Platform', 'teams')
const PRIORITY = objv({
  html_url: `https://${SUBDOMAIN}.pagerduty.com/account/incident_priorities`,
  id: 'PSO75BM',
  self: 'https://api.pagerduty.com/priorities/PSO75BM',
  summary: 'P2',
  type: 'priority_reference',
})
const RESPONDERS = [
  ['PLH1HKV', 'Maya Chen'],
  ['PX9T1QF', 'Jonas Weber'],
  ['P0R8N2C', 'Priya Raman'],
]
const USER = `choice(${JSON.stringify(
  RESPONDERS.map(([id, name]) => ({
    html_url: `https://ORG.pagerduty.com/users/${id}`,
    id,
    self: `https://api.pagerduty.com/users/${id}`,
    summary: name,
    type: 'user_reference',
  })),
)
  .replaceAll('"', "'")
  .replaceAll("'https://ORG.", "'https://' + lower(org_id) + '.")})`

/** The incident, as `incident.triggered` creates it. */
const incident: Fields = {
  id: str(`= ${CODE}`),
  type: is('incident'),
  self: str(`= 'https://api.pagerduty.com/incidents/' + ${CODE}`),
  html_url: str(`= 'https://' + lower(org_id) + '.pagerduty.com/incidents/' + ${CODE}`),
  number: int('= 1000 + index'),
  status: oneOf(['triggered', 'acknowledged', 'resolved']),
  incident_key: str("= lower(faker.string.hexadecimal({'length': 32, 'prefix': ''}))"),
  created_at: str('datetime()'),
  title: str(
    "${choice(['High error rate on', 'Latency above SLO on', 'Health check failing for', 'Disk almost full on', 'Queue backlog growing on'])} checkout-api",
  ),
  service: SERVICE,
  assignees: list(`= [${USER}]`),
  escalation_policy: POLICY,
  teams: list([TEAM.value]),
  priority: PRIORITY,
  urgency: oneOf(['high', 'low']),
  conference_bridge: any(null),
  resolve_reason: any(null),
}

const TRIGGERED = 'incident.triggered.event.data'

function webhook(data: Fields, agent: unknown): Fields {
  return {
    event: obj({
      id: str('= upper(faker.string.alphanumeric(26))'),
      event_type: str('= $event'),
      resource_type: is('incident'),
      occurred_at: str('datetime()'),
      agent: objv(agent),
      client: any(null),
      data: obj(data),
    }),
  }
}

const update = (status: string): Fields => {
  const out: Fields = {}
  for (const k of Object.keys(incident)) out[k] = { ...incident[k], value: `ref(${TRIGGERED}.${k})` }
  out.status = oneOf(['triggered', 'acknowledged', 'resolved'], status)
  return out
}

function pagerduty(event: string, data: Fields, doc: string, reads: string[]): PackTemplate {
  return { name: `pagerduty/${event}`, source: 'pagerduty', event, data, doc, reads }
}

/** The PagerDuty pack: v3 webhook payloads for incident events. */
export const pagerdutyPack: Pack = {
  vendor: 'PagerDuty',
  file: 'packs/pagerduty.yaml',
  templates: [
    pagerduty(
      'incident.triggered',
      webhook(incident, SERVICE.value),
      'An incident opens (on the checkout-api service by default)',
      [],
    ),
    pagerduty(
      'incident.acknowledged',
      webhook(update('acknowledged'), `= ${USER}`),
      'A responder acknowledges it',
      ['incident.triggered'],
    ),
    pagerduty('incident.resolved', webhook(update('resolved'), `= ${USER}`), 'The incident is resolved', [
      'incident.triggered',
    ]),
  ],
}
