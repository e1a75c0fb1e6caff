/**
 * Work on keys that arrives while earlier work runs is done together, as a database's group commit
 * does: a key that finds nothing running starts at once, as a batch of one; keys that arrive while a
 * batch runs wait for it and then run as the next batch, up to `maxBatch` keys. Under no load nothing
 * waits and every batch has one key; under load one batch shares the reads and the workflow run of
 * several.
 *
 * `run` settles the whole batch or throws; a batch that throws (of one key too) is retried key by key
 * through `runOne`, so each caller gets its own key's outcome as `runOne` gives it. One batch runs at
 * a time.
 */
export class GroupCommit<K> {
  private readonly queued: { key: K; resolve: () => void; reject: (error: unknown) => void }[] = []
  private running = false

  constructor(
    private readonly run: (keys: K[]) => Promise<void>,
    private readonly runOne: (key: K) => Promise<void>,
    readonly maxBatch = 20
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`A group commit needs a batch of at least 1, not ${maxBatch}`)
  }

  /** Resolves when `key`'s batch (or, after a failed batch, `key` alone) is done. */
  add(key: K): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.queued.push({ key, resolve, reject }))
    if (!this.running) void this.drain()
    return done
  }

  /** Keys waiting for the running batch to end. */
  get waiting(): number {
    return this.queued.length
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      while (this.queued.length) {
        const batch = this.queued.splice(0, this.maxBatch)
        const keys = batch.map((b) => b.key)
        try {
          await this.run(keys)
        } catch {
          // the batch left nothing behind (its workflow compensated): each key on its own
          for (const b of batch) await this.runOne(b.key).then(b.resolve, b.reject)
          continue
        }
        batch.forEach((b) => b.resolve())
      }
    } finally {
      this.running = false
    }
  }
}
