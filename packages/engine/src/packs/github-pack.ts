// biome-ignore-all lint/suspicious/noTemplateCurlyInString: pack values are story-language text, where `${...}` is a template.
import { any, bool, copyFields, type Fields, int, is, list, objv, str } from './field-spec.ts'
import { fromJson, GITHUB_EXAMPLES, githubShared, patch } from './github-common.ts'
import type { Pack, PackTemplate } from './pack.ts'

const SHA = 'faker.git.commitSha()'
const NOW = 'datetime()'
const REPO_API = 'https://api.github.com/repos/${org_id}/platform'
const REPO_WEB = 'https://github.com/${org_id}/platform'
// A branch per pull request, from its number (nested fields cannot read each other, so every
// place that names the branch uses this same expression).
const BRANCH = "${['feat', 'fix', 'chore', 'refactor', 'docs'][number % 5]}/pr-${number}"
const PR_TITLE =
  "${choice(['Fix', 'Add', 'Refactor', 'Speed up', 'Remove', 'Harden'])} ${lower(faker.hacker.noun())} ${choice(['handling', 'validation', 'caching', 'retries', 'logging', 'pagination'])}"

/** The example's fields, then the repository, organization, sender and installation of the story. */
function webhook(fields: Fields, order: string[]): Fields {
  const shared = githubShared()
  const out: Fields = {}
  for (const k of order) out[k] = fields[k] ?? shared[k]
  return out
}

function github(event: string, data: Fields, doc: string, reads: string[] = []): PackTemplate {
  return { name: `github/${event}`, source: 'github', event, data, doc, reads }
}

const ex = (event: string): Fields => fromJson(GITHUB_EXAMPLES[event])

const COMMIT = `{'id': after, 'tree_id': faker.git.commitSha(), 'distinct': true, 'message': faker.git.commitMessage(), 'timestamp': datetime(), 'url': '${REPO_WEB.replace('${org_id}', "' + org_id + '")}/commit/' + after, 'author': {'name': sender.login, 'email': str(sender.id) + '+' + sender.login + '@users.noreply.github.com', 'username': sender.login}, 'committer': {'name': 'GitHub', 'email': 'noreply@github.com', 'username': 'web-flow'}, 'added': [], 'removed': [], 'modified': [choice(['src/server.ts', 'src/api/routes.ts', 'src/billing/invoice.ts', 'web/app.tsx', 'README.md', 'package.json'])]}`

const push: Fields = {
  ref: str('refs/heads/main'),
  before: str(SHA),
  after: str(SHA),
  created: bool(false),
  deleted: bool(false),
  forced: bool(false),
  base_ref: any(null),
  compare: str(`${REPO_WEB}/compare/\${before}...\${after}`),
  commits: list(`= [${COMMIT}]`),
  head_commit: objv('= commits[0]'),
  pusher: objv(
    "= {'name': sender.login, 'email': str(sender.id) + '+' + sender.login + '@users.noreply.github.com'}",
  ),
}

const opened = patch(ex('pull_request.opened'), {
  number: int('= 100 + 2 * index'),
  'pull_request.id': int('= 1900000000 + 17 * number'),
  'pull_request.node_id': str('PR_kwDOMLfZDc${faker.string.alphanumeric(8)}'),
  'pull_request.title': str(PR_TITLE),
  'pull_request.body': any('faker.lorem.paragraph()'),
  'pull_request.created_at': str(NOW),
  'pull_request.updated_at': str(NOW),
  'pull_request.head.label': str(`\${org_id}:${BRANCH}`),
  'pull_request.head.ref': str(BRANCH),
  'pull_request.head.sha': str(SHA),
  'pull_request.base.label': str('${org_id}:main'),
  'pull_request.base.ref': str('main'),
  'pull_request.base.sha': str(SHA),
  'pull_request.commits': int('random(1, 12)'),
  'pull_request.additions': int('random(1, 800)'),
  'pull_request.deletions': int('random(0, 300)'),
  'pull_request.changed_files': int('random(1, 25)'),
  'pull_request.author_association': str('MEMBER'),
})

const OPENED_PR = 'pull_request.opened.pull_request'
const closed: Fields = {
  ...ex('pull_request.closed'),
  number: int('ref(pull_request.opened.number)'),
  pull_request: {
    type: 'object',
    fields: copyFields(opened.pull_request.fields ?? {}, OPENED_PR, {
      state: str('closed'),
      updated_at: str(NOW),
      closed_at: any(NOW),
      merged_at: any(NOW),
      merge_commit_sha: any(SHA),
      merged: bool(true),
      mergeable: any(null),
      merged_by: objv('= sender'),
    }),
  },
}

const workflowRun = patch(ex('workflow_run.completed'), {
  'workflow.name': str('CI'),
  'workflow_run.name': str('CI'),
  'workflow_run.conclusion': any("weighted({'success': 0.88, 'failure': 0.1, 'cancelled': 0.02})"),
  'workflow_run.created_at': str(NOW),
  'workflow_run.updated_at': str(NOW),
  'workflow_run.run_started_at': str(NOW),
  'workflow_run.event': str('push'),
  'workflow_run.head_branch': any('main'),
  'workflow_run.head_sha': str(SHA),
  'workflow_run.display_title': str('= faker.git.commitMessage()'),
  'workflow_run.run_number': int('= 1000 + index'),
  'workflow_run.path': str('.github/workflows/ci.yml'),
})

const checkRun = patch(ex('check_run.completed'), {
  'check_run.head_sha': str(SHA),
  'check_run.name': str("choice(['lint', 'test', 'build', 'typecheck'])"),
  'check_run.conclusion': any("weighted({'success': 0.9, 'failure': 0.08, 'neutral': 0.02})"),
  'check_run.started_at': str(NOW),
  'check_run.completed_at': any(NOW),
})

const deploymentStatus = patch(ex('deployment_status.created'), {
  'deployment_status.state': str("weighted({'success': 0.95, 'failure': 0.04, 'error': 0.01})"),
  'deployment_status.environment': str('production'),
  'deployment_status.created_at': str(NOW),
  'deployment_status.updated_at': str(NOW),
  'deployment_status.creator': objv('= sender'),
  'deployment.sha': str(SHA),
  'deployment.ref': str('main'),
  'deployment.created_at': str(NOW),
  'deployment.updated_at': str(NOW),
  'deployment.creator': objv('= sender'),
})

const ISSUE = '${101 + 2 * index}'
const issueOpened = patch(ex('issues.opened'), {
  'issue.id': int('= 2400000000 + 19 * index'),
  'issue.node_id': str('I_kwDOMLfZDc${faker.string.alphanumeric(8)}'),
  'issue.title': str(
    "${choice(['Crash when', 'Error on', 'Slow response for', 'Wrong total in', 'Cannot save'])} ${lower(faker.hacker.noun())} ${choice(['page', 'export', 'checkout', 'settings', 'invoice'])}",
  ),
  'issue.body': any('faker.lorem.paragraph()'),
  'issue.created_at': str(NOW),
  'issue.updated_at': str(NOW),
  'issue.html_url': str(`${REPO_WEB}/issues/${ISSUE}`),
  'issue.author_association': str('MEMBER'),
})

const TAG = 'v1.${index}.0'
const release = patch(ex('release.published'), {
  'release.tag_name': str(TAG),
  'release.name': any(TAG),
  'release.target_commitish': str('main'),
  'release.html_url': str(`${REPO_WEB}/releases/tag/${TAG}`),
  'release.tarball_url': any(`${REPO_API}/tarball/${TAG}`),
  'release.zipball_url': any(`${REPO_API}/zipball/${TAG}`),
  'release.created_at': str(NOW),
  'release.published_at': any(NOW),
  'release.body': any('faker.lorem.sentences(3)'),
})

const ORDER = {
  push: [
    'ref',
    'before',
    'after',
    'created',
    'deleted',
    'forced',
    'base_ref',
    'compare',
    'commits',
    'head_commit',
    'repository',
    'organization',
    'installation',
    'pusher',
    'sender',
  ],
  pr: ['action', 'number', 'pull_request', 'repository', 'organization', 'installation', 'sender'],
  workflow: ['action', 'workflow_run', 'workflow', 'repository', 'organization', 'installation', 'sender'],
  check: ['action', 'check_run', 'repository', 'organization', 'installation', 'sender'],
  deploy: [
    'action',
    'deployment_status',
    'deployment',
    'repository',
    'organization',
    'installation',
    'sender',
  ],
  issue: ['action', 'issue', 'repository', 'organization', 'installation', 'sender'],
  release: ['action', 'release', 'repository', 'organization', 'installation', 'sender'],
}

/** The GitHub pack: webhook payloads valid against @octokit/webhooks-schemas. */
export const githubPack: Pack = {
  vendor: 'GitHub',
  file: 'packs/github.yaml',
  templates: [
    github('push', webhook(push, ORDER.push), 'Commits pushed to main'),
    github(
      'pull_request.opened',
      webhook({ ...opened, action: is('opened') }, ORDER.pr),
      'A pull request is opened',
    ),
    github(
      'pull_request.closed',
      webhook({ ...closed, action: is('closed') }, ORDER.pr),
      'The opened pull request is merged (override `merged` for a plain close)',
      ['pull_request.opened'],
    ),
    github(
      'workflow_run.completed',
      webhook({ ...workflowRun, action: is('completed') }, ORDER.workflow),
      'A CI workflow run completes',
    ),
    github(
      'check_run.completed',
      webhook({ ...checkRun, action: is('completed') }, ORDER.check),
      'A check run completes',
    ),
    github(
      'deployment_status.created',
      webhook({ ...deploymentStatus, action: is('created') }, ORDER.deploy),
      'A deployment reports its status',
    ),
    github(
      'issues.opened',
      webhook({ ...issueOpened, action: is('opened') }, ORDER.issue),
      'An issue is opened',
    ),
    github(
      'release.published',
      webhook({ ...release, action: is('published') }, ORDER.release),
      'A release is published',
    ),
  ],
}
