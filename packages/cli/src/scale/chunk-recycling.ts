import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads'
import { WORKER_CHUNK_BYTES } from './worker-protocol.ts'

/*
 * The main thread sends each chunk's buffer back to the worker that filled it once the output has
 * written it. Without this every 256 KiB chunk was a new buffer: the main thread held them as
 * external memory until a full garbage collection freed them, and V8 ran one every 100-150 ms of a
 * `--workers 2` run (80 in a 4M-event run), marking on the same two cores the workers need.
 * A worker runs synchronously, so it takes returned buffers with receiveMessageOnPort, without
 * its event loop.
 */

/** Worker side: a returned buffer if one is waiting, else undefined (then the worker allocates). */
export function returnedBuffers(port: MessagePort): () => ArrayBuffer | undefined {
  return () => {
    const m = receiveMessageOnPort(port)
    return m?.message instanceof ArrayBuffer ? m.message : undefined
  }
}

/**
 * The buffer under a written chunk's bytes when it is worth reusing: only a whole chunk-sized one;
 * one grown for a long record is left to the collector.
 */
export function reusableBuffer(bytes: Uint8Array): ArrayBuffer | undefined {
  const buffer = bytes.buffer
  return buffer instanceof ArrayBuffer && buffer.byteLength === WORKER_CHUNK_BYTES ? buffer : undefined
}

/** Main side: hands `bytes`' buffer back through `port` (transferred: `bytes` is empty afterwards). */
export function returnBuffer(port: MessagePort, bytes: Uint8Array): void {
  const buffer = reusableBuffer(bytes)
  if (buffer) port.postMessage(buffer, [buffer])
}
