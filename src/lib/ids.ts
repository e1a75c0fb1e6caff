import { randomBytes } from "crypto"
import { monotonicFactory } from "ulid"

/**
 * Random numbers in [0, 1) drawn from one crypto buffer refilled every 64 KiB. ulid's default
 * generator calls `crypto.randomBytes(1)` for each of the 16 random characters of every id, which
 * made id generation the largest part of planning a 1,000,000-row import.
 */
export function pooledCryptoRandom(poolSize = 65_536): () => number {
  let pool = randomBytes(poolSize)
  let next = 0
  return () => {
    if (next === pool.length) {
      pool = randomBytes(poolSize)
      next = 0
    }
    return pool[next++] / 256
  }
}

/**
 * A generator of prefixed ULIDs (Medusa's id shape) that sort in the order they are made, even
 * within one millisecond: `nextId(time)` for a record dated `time`.
 */
export function monotonicIdFactory(prefix: string): (time: number) => string {
  const next = monotonicFactory(pooledCryptoRandom())
  return (time) => `${prefix}_${next(time)}`
}
