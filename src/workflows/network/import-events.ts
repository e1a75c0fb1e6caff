import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaContextType, Modules } from "@medusajs/framework/utils"

/**
 * The events of an import's module writes (Medusa's customer module announces every customer and
 * every group membership it creates) wait in groups of their own, at most this many rows each, until
 * the whole import has been written. One workflow's group is released through one JSON string on
 * Medusa's local event bus: a 1,000,000-row import's 2,000,000 events (about 250 bytes each) passed
 * V8's longest string, and the release failed with "Invalid string length", taking the workflow's own
 * events with it.
 */
export const IMPORT_EVENT_GROUP_ROWS = 50_000

export type ImportEventKind = "customers" | "members"

/**
 * The event groups of one kind of an import's writes: `at(offset)` names the group of the row at
 * `offset` (`<import_id>:<kind>:<n>`) and remembers it in `groups`, in order, each once (the writes
 * go through the rows in order).
 */
export function importEventGroups(importId: string, kind: ImportEventKind) {
  const groups: string[] = []
  return {
    groups,
    at(offset: number): string {
      const group = `${importId}:${kind}:${Math.floor(offset / IMPORT_EVENT_GROUP_ROWS)}`
      if (groups[groups.length - 1] !== group) groups.push(group)
      return group
    },
  }
}

/**
 * A module call's shared context whose events wait in `eventGroupId` (given, it replaces the
 * workflow's context that Medusa would pass to the call).
 */
export function inEventGroup(eventGroupId: string): any {
  return { __type: MedusaContextType, eventGroupId }
}

/** Drops the events waiting in these groups (the writes they announce were taken back). */
export async function clearImportEvents(container: MedusaContainer, groups: string[]): Promise<void> {
  const eventBus = container.resolve(Modules.EVENT_BUS)
  for (const group of groups) await eventBus.clearGroupedEvents(group)
}

/** Sends the events waiting in these groups, group by group (the import was written whole). */
export async function releaseImportEvents(container: MedusaContainer, groups: string[]): Promise<void> {
  const eventBus = container.resolve(Modules.EVENT_BUS)
  for (const group of groups) await eventBus.releaseGroupedEvents(group)
}
