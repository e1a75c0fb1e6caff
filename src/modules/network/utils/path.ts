/**
 * Path arithmetic of the materialized ancestry. A path lists the ids from the top of the tree down
 * to the distributor itself, each followed by "/": a top-level "a/", its recruit "a/b/".
 * Every distributor's downline is exactly the rows whose path starts with its path (minus itself),
 * which a text_pattern_ops index answers as one range scan.
 */
export const PATH_SEPARATOR = "/"

/**
 * The deepest a distributor can be (levels below the top of the network). A path is indexed whole
 * (btree, text_pattern_ops), and a btree entry holds at most 2,704 bytes: with ids of 31 characters a
 * path of 81 ids is 2,592 characters, and deeper ones stop fitting at depth 84 when they do not
 * compress. Enrolment, sponsor moves and imports refuse to go deeper, in words, before writing.
 */
export const MAX_NETWORK_DEPTH = 80

export function rootPath(id: string): string {
  return `${id}${PATH_SEPARATOR}`
}

export function childPath(sponsorPath: string, id: string): string {
  return `${sponsorPath}${id}${PATH_SEPARATOR}`
}

/** Ids from the top down, including the distributor itself as the last element. */
export function idsInPath(path: string): string[] {
  return path.split(PATH_SEPARATOR).filter(Boolean)
}

/** Ancestors only, nearest sponsor first (level 1, 2, ...). */
export function uplineIdsFromPath(path: string): string[] {
  return idsInPath(path).slice(0, -1).reverse()
}

export function depthOfPath(path: string): number {
  return idsInPath(path).length - 1
}

export function isInSubtree(candidatePath: string, subtreeRootPath: string): boolean {
  return candidatePath.startsWith(subtreeRootPath)
}

/**
 * The half-open range [from, to) of paths that start with `prefix`, for the text_pattern_ops
 * operators ~>=~ and ~<~ (byte order). Works with bound parameters, unlike LIKE with a parameter.
 */
export function subtreeRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1)
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) }
}

/**
 * The new path of a member of a moved subtree: the old root prefix is replaced by the new one.
 * MOVE_SUBTREE_SQL does this arithmetic in SQL for the whole subtree; this is its specification.
 */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) {
    throw new Error(`path ${path} is not inside ${oldPrefix}`)
  }
  return newPrefix + path.slice(oldPrefix.length)
}
