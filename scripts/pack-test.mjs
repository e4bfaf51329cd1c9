// Packs @autosource/engine and @autosource/cli (pnpm pack builds them and rewrites workspace:*),
// installs both tarballs with npm into an empty project outside the workspace, then runs the
// installed `autosource generate` on a story and type-checks an ESM import of the engine.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PNPM = ['-y', 'pnpm@12.4.2']

function run(cmd, args, cwd) {
  console.log(`$ ${cmd} ${args.join(' ')}   (in ${cwd})`)
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

function check(ok, message) {
  if (!ok) throw new Error(`pack-test: ${message}`)
}

const work = mkdtempSync(join(tmpdir(), 'autosource-pack-'))
try {
  const packs = join(work, 'packs')
  for (const pkg of ['engine', 'cli'])
    run('npx', [...PNPM, 'pack', '--pack-destination', packs], join(ROOT, 'packages', pkg))
  const tarballs = readdirSync(packs).map((f) => join(packs, f))
  check(tarballs.length === 2, `expected 2 tarballs, got ${tarballs.join(', ')}`)

  const app = join(work, 'app')
  run('mkdir', ['-p', app], work)
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'pack-test-app', private: true, type: 'module' }),
  )
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'typescript@5', '@types/node@20'],
    app,
  )

  const story = join(ROOT, 'stories', 'ecommerce.yaml')
  const out = run(
    'npx',
    ['--no-install', 'autosource', 'generate', story, '--seed', '7', '--limit', '20'],
    app,
  )
  const lines = out.trim().split('\n')
  check(lines.length === 20, `generate printed ${lines.length} lines, expected 20`)
  // The built CLI must print the very bytes the workspace CLI (run from source) prints.
  const fromSource = run(
    'node',
    [
      '--conditions=source',
      '--import',
      'tsx',
      'packages/cli/src/main.ts',
      'generate',
      story,
      '--seed',
      '7',
      '--limit',
      '20',
    ],
    ROOT,
  )
  check(out === fromSource, 'the installed CLI printed other bytes than the workspace CLI')
  // --workers starts dist/scale-worker.js (docs/scale.md): the same bytes again.
  const threaded = run(
    'npx',
    ['--no-install', 'autosource', 'generate', story, '--seed', '7', '--limit', '20', '--workers', '2'],
    app,
  )
  check(threaded === out, 'the installed CLI with --workers 2 printed other bytes')

  // init works from the installed package: the library ships inside it.
  run(
    'npx',
    ['--no-install', 'autosource', 'init', '--template', 'saas-funnel', '--out', 'starter.yaml'],
    app,
  )
  const starter = run('npx', ['--no-install', 'autosource', 'generate', 'starter.yaml', '--limit', '5'], app)
  check(starter.trim().split('\n').length === 5, 'generate from the init story did not print 5 events')

  // infer bootstraps a story from the events just generated, and that story runs.
  writeFileSync(join(app, 'samples.ndjson'), out)
  run('npx', ['--no-install', 'autosource', 'infer', 'samples.ndjson', '--out', 'inferred.yaml'], app)
  const inferred = run(
    'npx',
    ['--no-install', 'autosource', 'generate', 'inferred.yaml', '--limit', '3'],
    app,
  )
  check(inferred.trim().split('\n').length === 3, 'generate from the inferred story did not print 3 events')

  writeFileSync(
    join(app, 'check.ts'),
    [
      "import { loadStory, checkStory } from '@autosource/engine'",
      "import { streamStory } from '@autosource/engine/node'",
      "const loaded = loadStory('title: t\\n')",
      'const issues: number = loaded.diagnostics.length',
      'console.log(typeof checkStory, typeof streamStory, issues)',
      '',
    ].join('\n'),
  )
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      strict: true,
      noEmit: true,
      types: ['node'],
    },
    files: ['check.ts'],
  }
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig))
  run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], app)
  writeFileSync(
    join(app, 'run.mjs'),
    "import * as e from '@autosource/engine'\nif (typeof e.loadStory !== 'function') process.exit(1)\n",
  )
  run('node', ['run.mjs'], app)
  console.log('pack-test: ok')
} finally {
  rmSync(work, { recursive: true, force: true })
}
