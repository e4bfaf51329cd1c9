import { CASES, type CaseName, runCase } from './run-case.ts'

// One measurement per process (spawned by bench/run.ts): JIT state and peak RSS belong to one case.
const [name, events] = [process.argv[2] as CaseName, Number(process.argv[3])]
if (!(name in CASES) || !Number.isSafeInteger(events) || events < 0) {
  console.error(`usage: case-child.ts ${Object.keys(CASES).join('|')} EVENTS`)
  process.exit(2)
}
process.stdout.write(`${JSON.stringify(runCase(name, events))}\n`)
