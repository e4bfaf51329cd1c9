// biome-ignore-all lint/suspicious/noTemplateCurlyInString: pack values are story-language text, where `${...}` is a template.
import { any, bool, type Field, type Fields, int, list, num, obj, objv, str } from './field-spec.ts'
import examples from './github-examples.json' with { type: 'json' }

/** GitHub's example payloads per template, minus the shared objects (see the JSON's `source`). */
export const GITHUB_EXAMPLES = examples.events as unknown as Record<string, Record<string, unknown>>
const GITHUB_REPOSITORY_EXAMPLE = examples.repository as Record<string, unknown>
const GITHUB_USER_EXAMPLE = examples.user as Record<string, unknown>

/** Fields from a JSON example: each leaf keeps its value, typed as the example types it. */
export function fromJson(example: Record<string, unknown>): Fields {
  const out: Fields = {}
  for (const [k, v] of Object.entries(example)) out[k] = fieldOf(v)
  return out
}

function fieldOf(v: unknown): Field {
  if (v === null) return any(null)
  if (Array.isArray(v)) {
    // A list of shared objects (`assignees: [sender]`) is one expression.
    const exprs = v.map((x) =>
      x && typeof x === 'object' ? (x as Record<string, unknown>).$expr : undefined,
    )
    if (v.length && exprs.every((x) => typeof x === 'string'))
      return list(`= [${exprs.map((x) => String(x).slice(2)).join(', ')}]`)
    return list(v)
  }
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>
    // An expression the example converter put in place of a shared object or an id.
    if (typeof m.$expr === 'string') return m.$type === 'integer' ? int(m.$expr) : objv(m.$expr)
    return obj(fromJson(m))
  }
  if (typeof v === 'number') return Number.isInteger(v) ? int(v) : num(v)
  if (typeof v === 'boolean') return bool(v)
  return str(literal(String(v)))
}

const CALL_START = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\(/

/** An example's text kept as text: a leading `\` where it would read as an expression (`ci(action): ...`). */
function literal(text: string): string {
  return /^(\\|=|\s*prev\.)/.test(text) || CALL_START.test(text) ? `\\${text}` : text
}

/** Sets the field at a dotted path (`pull_request.title`) inside nested objects. */
export function patch(fields: Fields, changes: Record<string, Field>): Fields {
  const out: Fields = structuredClone(fields)
  for (const [path, f] of Object.entries(changes)) {
    const segs = path.split('.')
    let cur = out
    for (const s of segs.slice(0, -1)) {
      const next = cur[s]
      if (!next?.fields) throw new Error(`pack: no object at ${path}`)
      cur = next.fields
    }
    cur[segs[segs.length - 1]] = f
  }
  return out
}

/** The fields of a GitHub user (or organization account) `login` with its numeric id, as literals. */
function userJson(login: string, id: number, type: 'User' | 'Organization'): Record<string, unknown> {
  const api = `https://api.github.com/users/${login}`
  return {
    ...GITHUB_USER_EXAMPLE,
    login,
    id,
    node_id:
      type === 'User' ? `U_kgDO${id.toString(36).toUpperCase()}` : `O_kgDO${id.toString(36).toUpperCase()}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  }
}

/** The team whose members act in a story's GitHub events (the sender of each event is one of them). */
const TEAM: [string, number][] = [
  ['maya-chen', 58213904],
  ['jonas-weber', 41172635],
  ['priya-raman', 72905118],
  ['diego-alvarez', 33610472],
  ['sam-okafor', 90144287],
]

/** `sender`: a member of the team, as a whole user object. */
export const SENDER: Field = objv(
  `= choice(${JSON.stringify(TEAM.map(([login, id]) => userJson(login, id, 'User')))})`,
  fromJson(GITHUB_USER_EXAMPLE),
)

// The story's organization account: its login is the story's `org_id`, its ids are the pack's.
const ORG_ID = 94213057
const ORG_USER = fromJson(userJson('ORG', ORG_ID, 'Organization'))
for (const f of Object.values(ORG_USER))
  if (typeof f.value === 'string' && f.value.includes('ORG')) f.value = f.value.replaceAll('ORG', '${org_id}')

/** `organization`: the story's GitHub organization, named by its `org_id`. */
export const ORGANIZATION: Field = obj({
  login: str('= org_id'),
  id: int(ORG_ID),
  node_id: str('O_kgDOBZ2xQQ'),
  url: str('https://api.github.com/orgs/${org_id}'),
  repos_url: str('https://api.github.com/orgs/${org_id}/repos'),
  events_url: str('https://api.github.com/orgs/${org_id}/events'),
  hooks_url: str('https://api.github.com/orgs/${org_id}/hooks'),
  issues_url: str('https://api.github.com/orgs/${org_id}/issues'),
  members_url: str('https://api.github.com/orgs/${org_id}/members{/member}'),
  public_members_url: str('https://api.github.com/orgs/${org_id}/public_members{/member}'),
  avatar_url: str(`https://avatars.githubusercontent.com/u/${ORG_ID}?v=4`),
  description: any('The ${org_id} engineering organization'),
})

/** `installation`: the story's GitHub App installation on the organization. */
export const INSTALLATION: Field = obj({
  id: int(51837264),
  node_id: str('MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNTE4MzcyNjQ='),
})

/** `repository`: the story's repository `<org_id>/platform`, owned by the organization. */
export const REPOSITORY: Field = obj(
  patch(fromJson(GITHUB_REPOSITORY_EXAMPLE), {
    id: int(817355021),
    node_id: str('R_kgDOMLfZDQ'),
    name: str('platform'),
    private: bool(true),
    owner: obj(ORG_USER),
    html_url: str('https://github.com/${org_id}/platform'),
    description: any('Services and web app of ${org_id}'),
    created_at: str('2023-04-11T09:12:44Z'),
    updated_at: str('= datetime()'),
    pushed_at: str('= datetime()'),
    homepage: any(null),
    size: int(48213),
    stargazers_count: int(12),
    watchers_count: int(12),
    language: any('TypeScript'),
    forks_count: int(0),
    forks: int(0),
    open_issues_count: int(23),
    open_issues: int(23),
    watchers: int(12),
    default_branch: str('main'),
  }),
)

/** The fields every GitHub webhook of the pack ends with, in GitHub's order. */
export function githubShared(): Fields {
  return { repository: REPOSITORY, organization: ORGANIZATION, sender: SENDER, installation: INSTALLATION }
}
