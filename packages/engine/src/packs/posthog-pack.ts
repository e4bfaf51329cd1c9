import { type Fields, is, obj, objv, str } from './field-spec.ts'
import type { Pack, PackTemplate } from './pack.ts'

/** The posthog-node release whose messages the pack reproduces. */
export const POSTHOG_NODE_VERSION = '4.18.0'

/** What posthog-node adds to every message (`enqueue`): type, library, timestamp and uuid. */
function message(type: string, event: Fields, properties: Fields): Fields {
  return {
    distinct_id: str('uuid4()'),
    ...event,
    properties: obj({
      $lib: is('posthog-node'),
      $lib_version: is(POSTHOG_NODE_VERSION),
      $geoip_disable: { value: true, type: 'boolean' },
      ...properties,
    }),
    type: is(type),
    library: is('posthog-node'),
    library_version: is(POSTHOG_NODE_VERSION),
    timestamp: str('datetime()'),
    uuid: str('uuid4()', 'uuid'),
  }
}

function posthog(type: string, event: string, data: Fields, doc: string): PackTemplate {
  return { name: `posthog/${type}`, source: 'posthog', event, data, doc, reads: [] }
}

/** The PostHog pack: capture and identify messages as posthog-node sends them to /batch. */
export const posthogPack: Pack = {
  vendor: 'PostHog',
  file: 'packs/posthog.yaml',
  templates: [
    posthog(
      'capture',
      'capture',
      message('capture', { event: str('= $event') }, {}),
      '`posthog.capture()`; the envelope `event:` is the event name (`user_signed_up`)',
    ),
    posthog(
      'identify',
      '$identify',
      message(
        'identify',
        { event: str('= $event') },
        {
          $set: obj({
            email: str('lower(faker.internet.email())'),
            name: str('faker.person.fullName()'),
          }),
          $set_once: objv("= {'first_seen': datetime()}"),
        },
      ),
      '`posthog.identify()` with person properties (`$set`, `$set_once`)',
    ),
  ],
}
