/**
 * One worker of the studio's export pool: compiles the story, runs its part of the run (engine
 * runShard, as a `--workers` thread of the CLI does) and posts it as UTF-8 chunks tagged with their
 * block's ordinal, waiting for an acknowledgement when POOL_CREDITS chunks are in flight. Runs in
 * a Web Worker (export-pool-entry.ts) and in Node tests alike.
 */

import { expectedTotal } from '../generate/expected-total.ts'
import { type PreparedStory, prepareStory } from '../generate/prepare-story.ts'
import { csvColumns } from '../generate/serialize-csv.ts'
import { shardBlockers } from '../generate/shard-check.ts'
import { shardChunks, shardLine, textFrame } from '../generate/shard-chunks.ts'
import { mergeShardEnds, runShard } from '../generate/shard-run.ts'
import { POOL_CREDITS, type PoolReply, type PoolRequest } from './export-pool-protocol.ts'
import { positioned, resolver } from './host.ts'

/** Posts one reply; the transfer list carries a chunk's buffer. */
export type PoolPost = (message: PoolReply, transfer?: Transferable[]) => void

/** Creates the worker side of one pool lane; feed it every message the pool sends. */
export function createExportPoolHost(post: PoolPost): { handle(message: PoolRequest): void } {
  let credits = POOL_CREDITS
  let wake: (() => void) | null = null
  let started: { msg: Extract<PoolRequest, { type: 'start' }>; prepared: PreparedStory } | undefined

  async function run(msg: Extract<PoolRequest, { type: 'start' }>): Promise<void> {
    const file = msg.file ?? 'story.yaml'
    const prepared = prepareStory(msg.text, {
      file,
      resolveInclude: resolver(msg.files),
      fromLink: msg.fromLink,
    })
    const story = prepared.story
    if (!story || !prepared.program) return post({ type: 'single', reason: 'the story has errors' })
    // What `--workers` keeps on one thread (docs/scale.md): a faulted delivery depends on the whole run.
    if (!msg.noFaults && shardBlockers(story).length > 0)
      return post({ type: 'single', reason: 'the story has faults:' })
    started = { msg, prepared }
    const columns = msg.format === 'csv' ? csvColumns(story) : []
    const frame = textFrame(msg.format, columns)
    post({
      type: 'ready',
      head: frame.head,
      dropFirst: frame.dropFirst,
      tail: frame.tail(true),
      emptyTail: frame.tail(false),
      planned: expectedTotal(story),
    })
    const part = runShard(
      prepared,
      { shard: 0, shards: 1, worker: msg.worker, workers: msg.workers, blockSize: msg.blockSize },
      { seed: msg.seed },
    )
    if (!part) return post({ type: 'error', message: 'the story did not compile in an export worker' })
    const encoder = new TextEncoder()
    for (const chunk of shardChunks(part, shardLine(msg.format, columns), msg.chunkChars)) {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve))
      credits--
      const bytes = encoder.encode(chunk.text)
      post({ type: 'chunk', ordinal: chunk.ordinal, bytes, events: chunk.events }, [
        bytes.buffer as ArrayBuffer,
      ])
    }
    post({ type: 'done', end: part.end() })
  }

  function finish(msg: Extract<PoolRequest, { type: 'finish' }>): void {
    if (!started) {
      post({ type: 'error', message: 'finish before start' })
      return
    }
    const { msg: start, prepared } = started
    const merged = mergeShardEnds(prepared.diagnostics, msg.ends)
    post({
      type: 'finished',
      summary: merged.summary,
      diagnostics: positioned(merged.diagnostics, start.file ?? 'story.yaml', start.text, start.files),
    })
  }

  const fail = (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) })

  return {
    handle(message) {
      try {
        switch (message.type) {
          case 'start':
            run(message).catch(fail)
            return
          case 'ack':
            credits += message.count
            wake?.()
            wake = null
            return
          case 'finish':
            finish(message)
            return
        }
      } catch (e) {
        fail(e)
      }
    },
  }
}
