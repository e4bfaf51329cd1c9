// tsc keeps the source's `./x.ts` specifiers in emitted declarations; published .d.ts files must
// name the `.js` files that ship next to them. Usage: node scripts/fix-dts-extensions.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const SPECIFIER = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g

function fixDir(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) fixDir(path)
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8')
      const fixed = text.replace(SPECIFIER, '$1$2.js$3')
      if (fixed !== text) writeFileSync(path, fixed)
    }
  }
}

const dir = process.argv[2]
if (!dir) throw new Error('usage: fix-dts-extensions.mjs DIR')
fixDir(dir)
