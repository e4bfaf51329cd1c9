import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the receiver does with one request: answer (status, headers), or drop the connection. */
export type Reply = { status: number; headers?: Record<string, string>; delayMs?: number } | 'drop'

/** One request the receiver answered with 2xx. */
export interface Accepted {
  body: string
  headers: IncomingHttpHeaders
  at: number
}

/**
 * A webhook receiver for tests (node:http on 127.0.0.1, a free port): `decide(body, n)` picks
 * the reply of the n-th request (0-based); requests answered 2xx are kept in `accepted`.
 */
export async function startReceiver(decide: (body: string, n: number) => Reply = () => ({ status: 200 })) {
  const accepted: Accepted[] = []
  let requests = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const reply = decide(body, requests++)
      if (reply === 'drop') {
        req.socket.destroy()
        return
      }
      const answer = () => {
        if (reply.status >= 200 && reply.status < 300)
          accepted.push({ body, headers: req.headers, at: performance.now() })
        res.writeHead(reply.status, reply.headers).end('{}')
      }
      if (reply.delayMs) setTimeout(answer, reply.delayMs)
      else answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    accepted,
    get requests() {
      return requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
