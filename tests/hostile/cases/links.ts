/** Share links that read the opener's files, and local includes of things that are not story files. */
import { encodeShareLink } from '../../../packages/engine/src/share/index.ts'
import { ENV_SECRET } from '../spawn-limited.ts'
import type { HostileCase } from '../types.ts'
import { including, templatesFile } from './story.ts'

const FILE_SECRET = 'hostile-file-secret-91c2'

const secretFiles = [
  { path: 'secret.yaml', text: templatesFile('stolen', FILE_SECRET) },
  { path: 'notes.txt', text: `password: ${FILE_SECRET}\n` },
]

/** A link to a story that includes `paths`. */
function linkIncluding(...paths: string[]): () => string {
  return () => {
    const text = including(...paths).replace(
      '    data:\n      x: 1',
      '    use: stolen\n    data:\n      x: 1',
    )
    return encodeShareLink({ text }, 'https://studio.example/')
  }
}

const link = (
  id: string,
  title: string,
  paths: string[],
  kind: 'load' | 'check' | 'stream',
): HostileCase => ({
  id: `links/${id}/${kind}`,
  class: 'links-includes',
  title,
  entry: { kind, story: including(...paths), fromLink: true },
  files: secretFiles,
  expect: { codes: ['story/include-in-link'], lacks: [FILE_SECRET, ENV_SECRET] },
  maxMs: 3000,
  maxMiB: 300,
  owner: 'story',
})

const local = (
  id: string,
  title: string,
  paths: string[],
  files: HostileCase['files'],
  anyCode = ['limit/include-file'],
): HostileCase => ({
  id: `includes/${id}`,
  class: 'links-includes',
  title,
  entry: { kind: 'check', story: including(...paths) },
  files,
  expect: { anyCode, lacks: [FILE_SECRET, ENV_SECRET, 'root:x:0'] },
  maxMs: 3000,
  maxMiB: 300,
  owner: 'story',
})

const fanOut = (n: number) => {
  const names = Array.from({ length: n }, (_, i) => `l${i}.yaml`)
  return [
    { path: 'f.yaml', text: `include: ${JSON.stringify(names)}\ntemplates:\n  t:\n    source: s\n` },
    ...names.map((path) => ({ path, symlink: 'f.yaml' })),
  ]
}

/** Include attacks, through links (loader, checker, stream, decoder, CLI) and local stories. */
export const LINK_CASES: HostileCase[] = [
  ...(['load', 'check', 'stream'] as const).flatMap((kind) => [
    link('relative', 'a link includes a YAML file next to the opener', ['secret.yaml'], kind),
    link('proc-environ', 'a link includes /proc/self/environ', ['/proc/self/environ'], kind),
    link('etc-passwd', 'a link includes /etc/passwd', ['../../../../../../etc/passwd'], kind),
  ]),
  {
    id: 'links/decoded-include',
    class: 'links-includes',
    title: 'a decoded share link whose story includes a file',
    entry: { kind: 'decode', link: linkIncluding('secret.yaml') },
    files: secretFiles,
    expect: { codes: ['story/include-in-link'], lacks: [FILE_SECRET] },
    maxMs: 3000,
    maxMiB: 300,
    owner: 'story',
  },
  ...[
    ['relative', ['secret.yaml']],
    ['proc-environ', ['/proc/self/environ']],
    ['txt', ['notes.txt']],
  ].map(
    ([id, paths]): HostileCase => ({
      id: `links/cli-${id}`,
      class: 'links-includes',
      title: `autosource generate --link with include: ${(paths as string[]).join(', ')}`,
      entry: {
        kind: 'cli',
        args: ['generate', '--link', '{link}', '--quiet'],
        link: linkIncluding(...(paths as string[])),
      },
      files: secretFiles,
      expect: { codes: ['story/include-in-link'], exit: 1, lacks: [FILE_SECRET, ENV_SECRET] },
      maxMs: 8000,
      maxMiB: 300,
      owner: 'cli-http',
    }),
  ),
  local(
    'fifo',
    'a local story includes a FIFO named .yaml',
    ['pipe.yaml'],
    [{ path: 'pipe.yaml', fifo: true }],
  ),
  local('dev-zero', 'a local story includes /dev/zero', ['/dev/zero'], []),
  local(
    'dev-zero-link',
    'a .yaml symlink to /dev/zero',
    ['zero.yaml'],
    [{ path: 'zero.yaml', symlink: '/dev/zero' }],
  ),
  local(
    'device-node',
    'a character device named .yaml',
    ['dev.yaml'],
    [{ path: 'dev.yaml', nullDevice: true }],
  ),
  local('proc-environ', 'a local story includes /proc/self/environ', ['/proc/self/environ'], []),
  local(
    'proc-link',
    'a .yaml symlink to /proc/self/environ',
    ['env.yaml'],
    [{ path: 'env.yaml', symlink: '/proc/self/environ' }],
  ),
  local('etc-passwd', 'a local story includes ../../etc/passwd', ['../../../../../../etc/passwd'], []),
  local('txt', 'a local story includes a .txt file (printed in a code frame?)', ['notes.txt'], secretFiles),
  local('directory', 'a directory named .yaml', ['d.yaml'], [{ path: 'd.yaml', dir: true }]),
  local(
    'too-big',
    'a 3 MB included file',
    ['big.yaml'],
    [{ path: 'big.yaml', text: `# ${'x'.repeat(3_000_000)}\n` }],
    ['limit/include-file', 'limit/file-size'],
  ),
  local(
    'nul-in-path',
    'a NUL byte in the include path',
    ['a\u0000.yaml'],
    [],
    ['limit/include-file', 'story/include-missing'],
  ),
  local('symlink-fan-out', '16 symlinks to one file that includes all 16', ['f.yaml'], fanOut(16), [
    'story/include-cycle',
    'limit/include-file',
  ]),
  {
    ...local('self-include', 'a file that includes itself', ['story.yaml'], [], ['story/include-cycle']),
    files: [{ path: 'story.yaml', text: including('story.yaml') }],
  },
  {
    ...local('many-includes', '200 includes of a 1 MB file under different names', [], []),
    entry: {
      kind: 'check',
      story: including(...Array.from({ length: 200 }, (_, i) => `./${'./'.repeat(i)}m.yaml`)),
    },
    files: [{ path: 'm.yaml', text: templatesFile('t', `"${'y'.repeat(1_000_000)}"`) }],
    expect: {},
    maxMs: 6000,
    maxMiB: 400,
  },
]
