// biome-ignore-all lint/suspicious/noTemplateCurlyInString: pack values are story-language text, where `${...}` is a template.
import { any, type Fields, int, is, obj, objv, str } from './field-spec.ts'
import type { Pack, PackTemplate } from './pack.ts'

// The page a message comes from. Nested fields cannot read each other, so the path, URL and title
// are one lookup by the same key: the page's `name` for page calls, the occurrence index otherwise.
const PAGES = ['/', '/pricing', '/docs', '/blog', '/signup', '/features', '/changelog', '/contact']
const TITLES = ['Home', 'Pricing', 'Docs', 'Blog', 'Sign up', 'Features', 'Changelog', 'Contact']
const q = (v: unknown) => JSON.stringify(v).replaceAll('"', "'")
const BY_INDEX = {
  path: `${q(PAGES)}[index % ${PAGES.length}]`,
  title: `${q(TITLES)}[index % ${PAGES.length}]`,
}
const PAGE_OF_NAME = q({ ...Object.fromEntries(TITLES.map((t, i) => [t, PAGES[i]])), default: '/' })
const BY_NAME = { path: `switch(name, ${PAGE_OF_NAME})`, title: 'name' }

const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
]

function context(page: { path: string; title: string }): Fields {
  const path = page.path
  return {
    context: obj({
      ip: str('faker.internet.ipv4()'),
      library: objv({ name: 'analytics.js', version: 'next-1.76.0' }),
      locale: str("weighted({'en-US': 0.7, 'en-GB': 0.1, 'de-DE': 0.1, 'fr-FR': 0.1})"),
      page: obj({
        path: str(`= ${path}`),
        referrer: str(
          "weighted({'https://www.google.com/': 0.5, '': 0.3, 'https://news.ycombinator.com/': 0.1, 'https://www.linkedin.com/': 0.1})",
        ),
        search: str(''),
        title: str(`= ${page.title} + ' | ' + org_id`),
        url: str(`= 'https://www.' + lower(org_id) + '.com' + ${path}`),
      }),
      timezone: str("choice(['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin'])"),
      userAgent: str(`choice(${q(AGENTS)})`),
    }),
  }
}

/** The fields every Segment message has (analytics.js, sent to the tracking API). */
function message(type: string, own: Fields, page = BY_INDEX): Fields {
  return {
    anonymousId: str('uuid4()'),
    channel: str('client'),
    ...context(page),
    integrations: objv({}),
    messageId: str('ajs-next-${uuid4()}'),
    originalTimestamp: str('datetime()'),
    receivedAt: str("datetime('iso', timestamp + duration(milliseconds=random(40, 900)))"),
    sentAt: str("datetime('iso', timestamp + duration(milliseconds=random(5, 30)))"),
    timestamp: str('datetime()'),
    type: is(type),
    userId: any('usr_${faker.string.alphanumeric(12)}'),
    version: int(2),
    ...own,
  }
}

function segment(type: string, data: Fields, doc: string): PackTemplate {
  return { name: `segment/${type}`, source: 'segment', event: type, data, doc, reads: [] }
}

/** The Segment pack: messages of the Segment spec, valid for @segment/loosely-validate-event. */
export const segmentPack: Pack = {
  vendor: 'Segment',
  file: 'packs/segment.yaml',
  templates: [
    segment(
      'track',
      message('track', { event: str('= $event'), properties: objv({}) }),
      'A track call; the envelope `event:` is the event name (`Signed Up`)',
    ),
    segment(
      'identify',
      message('identify', {
        traits: obj({
          email: str('lower(faker.internet.email())'),
          name: str('faker.person.fullName()'),
          createdAt: str('datetime()'),
        }),
      }),
      'An identify call with traits',
    ),
    segment(
      'page',
      message(
        'page',
        {
          name: str(`choice(${q(TITLES)})`),
          properties: objv(
            `= {'path': context.page.path, 'referrer': context.page.referrer, 'search': '', 'title': context.page.title, 'url': context.page.url}`,
          ),
        },
        BY_NAME,
      ),
      'A page view',
    ),
    segment(
      'group',
      message('group', {
        groupId: str('grp_${faker.string.alphanumeric(10)}'),
        traits: obj({
          name: str('faker.company.name()'),
          industry: str("choice(['Software', 'Retail', 'Finance', 'Healthcare', 'Media'])"),
          employees: int('weighted({12: 0.4, 45: 0.3, 180: 0.2, 1200: 0.1})'),
          plan: str("weighted({'free': 0.6, 'team': 0.3, 'business': 0.1})"),
        }),
      }),
      'A group (account) call',
    ),
  ],
}
