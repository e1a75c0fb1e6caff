import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { SimulationProgress } from "../../types/simulation"

/**
 * A running simulation's progress, kept in Medusa's cache module under the caller's key: in memory
 * in one process, or in Redis when the shop configures the Redis cache, so any server instance can
 * answer the progress route. A record lives 10 minutes after its last write.
 */
const TTL_SECONDS = 600
/** at most a write every this many milliseconds while running (the last one always) */
const WRITE_EVERY_MS = 250

type CacheService = {
  get<T>(key: string): Promise<T | null>
  set(key: string, data: unknown, ttl?: number): Promise<void>
}

const cacheKey = (key: string) => `mlm:simulation-progress:${key}`

function cacheOf(container: MedusaContainer): CacheService | null {
  return container.hasRegistration(Modules.CACHE) ? container.resolve<CacheService>(Modules.CACHE) : null
}

/** What simulatePlan's `onProgress` writes for `key`; `flush` waits for the writes (before the answer is sent). */
export function progressRecorder(container: MedusaContainer, key: string) {
  const cache = cacheOf(container)
  const started = new Date()
  let lastWrite = 0
  let writes: Promise<unknown> = Promise.resolve()
  return {
    report({ done, total, finished }: { done: number; total: number; finished: boolean }) {
      const now = Date.now()
      if (!cache || (!finished && done > 0 && now - lastWrite < WRITE_EVERY_MS)) return
      lastWrite = now
      const progress: SimulationProgress = {
        key,
        done,
        total,
        percent: total ? Math.floor((done / total) * 100) : 100,
        started_at: started.toISOString(),
        elapsed_ms: now - started.getTime(),
        finished,
      }
      // a lost progress write only makes the admin's bar lag; it never fails the simulation
      writes = writes.then(() => cache.set(cacheKey(key), progress, TTL_SECONDS)).catch(() => undefined)
    },
    flush: () => writes,
  }
}

export async function readProgress(container: MedusaContainer, key: string): Promise<SimulationProgress | null> {
  return (await cacheOf(container)?.get<SimulationProgress>(cacheKey(key))) ?? null
}
