/**
 * Send to URL's errors, for people. A browser's fetch to another origin that rejects with a
 * TypeError is almost always one of two things it will not tell a page apart: the handler does
 * not allow cross-origin requests (CORS), or nothing answers at that address. A second, harmless
 * `no-cors` HEAD request tells them apart: it resolves when a server answered at all.
 */

/** The outcome of one attempt. */
export type AttemptResult =
  | { ok: true }
  | {
      ok: false
      retry: boolean
      reason: string
      waitMs?: number
      /** The start of the answer's body, when there was one the page may read. */
      excerpt?: string
      /** fetch rejected: no answer the page may read (CORS, down, mixed content). */
      network?: boolean
    }

/** Why nothing could be delivered, and how to fix it. */
export interface Unreachable {
  kind: 'cors' | 'down' | 'mixed-content'
  /** One sentence: what happened. */
  title: string
  /** What to do, one step per entry. */
  fixes: string[]
  /** The response headers the handler's CORS answer needs (for `cors`), ready to copy. */
  corsHeaders?: string
}

/** What the explanation needs to know about the page and the requests. */
export interface ExplainContext {
  url: string
  /** The studio's origin (`http://localhost:5173`). */
  pageOrigin: string
  /** The request headers the send used (the preflight asks for each). */
  headerNames: readonly string[]
  fetch: typeof fetch
  /** A command that sends the same events from the CLI, where CORS does not apply. */
  cliCommand: string
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Explains a fetch that rejected before any answer came back (probing the URL once). */
export async function explainUnreachable(context: ExplainContext): Promise<Unreachable> {
  const target = new URL(context.url)
  const page = new URL(context.pageOrigin)
  const cli = `Or send from the CLI, where CORS does not apply: ${context.cliCommand}`
  if (page.protocol === 'https:' && target.protocol === 'http:' && !LOOPBACK.has(target.hostname))
    return {
      kind: 'mixed-content',
      title: `The browser blocked the request: this page is https and ${target.origin} is plain http (mixed content).`,
      fixes: [`Use an https:// URL for the handler (a tunnel such as ngrok gives one).`, cli],
    }
  let answered: boolean
  try {
    // Opaque on purpose: the page learns only that something answered, and sends no body.
    await context.fetch(context.url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    })
    answered = true
  } catch {
    answered = false
  }
  if (!answered)
    return {
      kind: 'down',
      title: `Nothing answered at ${target.origin}: the handler is not running, or the host or port is wrong.`,
      fixes: [
        'Start the handler, check the URL (scheme, host, port, path), and press Send again.',
        `If it does run, it may refuse cross-origin requests too: see the CORS headers it needs (${context.headerNames.join(', ')}).`,
        cli,
      ],
    }
  const corsHeaders = [
    `Access-Control-Allow-Origin: ${page.origin}`,
    'Access-Control-Allow-Methods: POST',
    `Access-Control-Allow-Headers: ${context.headerNames.join(', ')}`,
  ].join('\n')
  return {
    kind: 'cors',
    title: `${target.origin} answered, but the browser blocked the request: the handler does not allow cross-origin requests from this page (CORS).`,
    fixes: [
      `Make the handler answer the browser's preflight (OPTIONS ${target.pathname}) and every POST with these headers (Access-Control-Allow-Origin: * works too):`,
      cli,
    ],
    corsHeaders,
  }
}
