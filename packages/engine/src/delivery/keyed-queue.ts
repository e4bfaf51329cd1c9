/**
 * Runs tasks with at most `concurrency` in flight while keeping the tasks of one key in order
 * (`--concurrency N` keeps each source/event in order): a key's next task starts only after
 * its previous one finished. `push` applies backpressure: it waits while `maxPending` tasks are
 * queued or running, so memory stays flat however fast the story generates.
 */
export class KeyedQueue<T> {
  private readonly queues = new Map<string, T[]>()
  private readonly ready: string[] = []
  private active = 0
  private pending = 0
  private waiters: (() => void)[] = []

  constructor(
    private readonly concurrency: number,
    private readonly run: (item: T) => Promise<void>,
    private readonly maxPending = Math.max(64, concurrency * 4),
  ) {}

  /** Queues a task under `key`; resolves once there is room for more. */
  async push(key: string, item: T): Promise<void> {
    let queue = this.queues.get(key)
    if (queue === undefined) {
      queue = []
      this.queues.set(key, queue)
      this.ready.push(key)
    }
    queue.push(item)
    this.pending++
    this.pump()
    while (this.pending >= this.maxPending) await new Promise<void>((r) => this.waiters.push(r))
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.pending > 0) await new Promise<void>((r) => this.waiters.push(r))
  }

  private pump(): void {
    while (this.active < this.concurrency && this.ready.length > 0) {
      const key = this.ready.shift()!
      const queue = this.queues.get(key)!
      const item = queue.shift()!
      this.active++
      // `run` handles its own failures (dead letter); a throw here is a bug and must not stall the queue.
      this.run(item)
        .catch(() => undefined)
        .finally(() => {
          this.active--
          this.pending--
          if (queue.length > 0) this.ready.push(key)
          else this.queues.delete(key)
          const waiters = this.waiters
          this.waiters = []
          for (const w of waiters) w()
          this.pump()
        })
    }
  }
}
