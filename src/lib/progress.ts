import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { RunProgress } from "../types/progress"

/**
 * A long admin run's progress (a plan simulation, a network import), kept in Medusa's cache module
 * under the caller's key: in memory in one process, or in Redis when the shop configures the Redis
 * cache, so any server instance can answer the progress route. A record lives 10 minutes after its
 * last write.
 */
const TTL_SECONDS = 600
/** at most a write every this many milliseconds within a phase (a new phase and the last one always) */
const WRITE_EVERY_MS = 250

export type ProgressKind = "simulation" | "import"

/** Where a run's progress goes: its kind, the caller's key, and when the run started (steps of one run share it). */
export type ProgressTarget = { kind: ProgressKind; key: string; started_at: string }

type CacheService = {
  get<T>(key: string): Promise<T | null>
  set(key: string, data: unknown, ttl?: number): Promise<void>
}

const cacheKey = (kind: ProgressKind, key: string) => `mlm:${kind}-progress:${key}`

function cacheOf(container: MedusaContainer): CacheService | null {
  return container.hasRegistration(Modules.CACHE) ? container.resolve<CacheService>(Modules.CACHE) : null
}

export const progressTarget = (kind: ProgressKind, key: string): ProgressTarget => ({ kind, key, started_at: new Date().toISOString() })

export type ProgressReport = { phase: string; done: number; total: number; finished?: boolean }

/**
 * Writes a run's progress for `target` (nothing without a target or a cache module); `flush` waits
 * for the writes (before the answer is sent). A lost write only makes the admin's bar lag: it never
 * fails the run.
 */
export function progressRecorder(container: MedusaContainer, target: ProgressTarget | null | undefined) {
  const cache = target ? cacheOf(container) : null
  const started = target ? new Date(target.started_at).getTime() : 0
  let lastWrite = 0
  let lastPhase = ""
  let writes: Promise<unknown> = Promise.resolve()
  return {
    report({ phase, done, total, finished = false }: ProgressReport) {
      const now = Date.now()
      if (!cache || !target) return
      if (!finished && phase === lastPhase && done > 0 && now - lastWrite < WRITE_EVERY_MS) return
      lastWrite = now
      lastPhase = phase
      const progress: RunProgress = {
        key: target.key,
        phase,
        done,
        total,
        percent: total ? Math.floor((done / total) * 100) : 100,
        started_at: target.started_at,
        elapsed_ms: now - started,
        finished,
      }
      writes = writes.then(() => cache.set(cacheKey(target.kind, target.key), progress, TTL_SECONDS)).catch(() => undefined)
    },
    flush: () => writes,
  }
}

export async function readProgress(container: MedusaContainer, kind: ProgressKind, key: string): Promise<RunProgress | null> {
  return (await cacheOf(container)?.get<RunProgress>(cacheKey(kind, key))) ?? null
}
