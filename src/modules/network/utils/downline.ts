import { isInSubtree, subtreeRange } from "./path"

type Node = { depth: number; path: string }

/**
 * The levels and paths one downline page covers (pure; NetworkModuleService.listDownline and the
 * bench both build their queries from it, so they ask exactly the same thing).
 * - levels: from the root's first level (or the cursor's level) to `maxDepth` below the root, but
 *   never below the deepest level of the network;
 * - paths: after the cursor on its own level (after the root's path on every other), before the end
 *   of the root's subtree.
 * A cursor outside the root's team gives null.
 */
export function downlineWindow(root: Node, deepest: number, maxDepth?: number, cursor?: Node | null) {
  if (cursor && (cursor.path === root.path || !isInSubtree(cursor.path, root.path))) return null
  return {
    first_depth: cursor ? Number(cursor.depth) : root.depth + 1,
    last_depth: Math.min(root.depth + (maxDepth ?? Number.MAX_SAFE_INTEGER), deepest),
    first_lower: cursor ? cursor.path : root.path,
    upper: subtreeRange(root.path).to,
  }
}

export type DownlineWindow = NonNullable<ReturnType<typeof downlineWindow>>

/** The parameters of DOWNLINE_PAGE_SQL, in its order. */
export function downlinePageParams(root: Node, w: DownlineWindow, limit: number, offset: number): unknown[] {
  return [root.depth, w.first_depth, w.last_depth, w.first_lower, root.path, w.upper, limit + offset, limit, offset]
}

/** The parameters of "is anyone on the level just below the window" (the first half of CUT_TEAM_COUNT_SQL): is the team cut off? */
export function belowWindowParams(root: Node, w: DownlineWindow): unknown[] {
  return [w.last_depth + 1, root.path, w.upper]
}

/** The parameters of counting the members on the window's levels (the second half of CUT_TEAM_COUNT_SQL). */
export function windowCountParams(root: Node, w: DownlineWindow): unknown[] {
  return [root.depth + 1, w.last_depth, root.path, w.upper]
}
