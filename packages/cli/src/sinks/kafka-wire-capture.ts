import { writeFileSync } from 'node:fs'
import { encodeWireCase, WIRE_CASES } from './kafka-wire-cases.ts'

/**
 * `node --import tsx packages/cli/src/sinks/kafka-wire-capture.ts`: writes
 * kafka-wire.golden.json, the produce requests of WIRE_CASES as hex. Run it only against
 * an UNPATCHED kafkajs 2.2.4 (the golden is the reference the patched one must match).
 */
const golden: Record<string, { payload: string; frame?: string }> = Object.create(null)
for (const c of WIRE_CASES) {
  const { payload, frame } = await encodeWireCase(c)
  golden[c.name] = frame
    ? { payload: payload.toString('hex'), frame: frame.toString('hex') }
    : { payload: payload.toString('hex') }
}
const out = new URL('./kafka-wire.golden.json', import.meta.url)
writeFileSync(
  out,
  `${JSON.stringify({ kafkajs: '2.2.4 unpatched', zlib: process.versions.zlib, cases: golden }, null, 2)}\n`,
)
console.log(`wrote ${WIRE_CASES.length} cases to ${out.pathname}`)
