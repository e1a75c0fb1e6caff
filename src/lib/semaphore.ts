/**
 * At most `limit` holders at once in this process; the others wait in arrival order. Not a lock
 * for correctness (those are database locks): a bound on how many of this process's pooled
 * database connections one kind of work may hold at the same time.
 */
export class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A semaphore needs a limit of at least 1, not ${limit}`)
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++
    else await new Promise<void>((resolve) => this.waiting.push(resolve)) // the releaser hands its place on
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }

  get holders() {
    return this.active
  }
}
