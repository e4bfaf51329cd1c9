/*
 * HMAC-SHA256 through WebCrypto (`crypto.subtle`), which browsers and Node 20 both have: the
 * studio signs webhook requests with it; the CLI uses node:crypto, and a test checks both agree.
 */
import type { HmacSha256Hex } from './webhook-request.ts'

const encoder = new TextEncoder()

/**
 * Makes an HmacSha256Hex over WebCrypto. Imported keys are kept per secret (one send uses one
 * secret; importing a key for every request would double the work). `crypto.subtle` exists only
 * in secure contexts (https, localhost): elsewhere this throws a TypeError that says so.
 */
export function webCryptoHmac(): HmacSha256Hex {
  const keys = new Map<string, Promise<CryptoKey>>()
  return async (secret, message) => {
    const subtle = globalThis.crypto?.subtle
    if (subtle === undefined)
      throw new TypeError('WebCrypto (crypto.subtle) is not available here: it needs https or localhost')
    let key = keys.get(secret)
    if (key === undefined) {
      key = subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
      ])
      keys.clear()
      keys.set(secret, key)
    }
    const mac = new Uint8Array(await subtle.sign('HMAC', await key, encoder.encode(message)))
    let hex = ''
    for (const byte of mac) hex += byte.toString(16).padStart(2, '0')
    return hex
  }
}
