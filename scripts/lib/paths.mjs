import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

/**
 * Medusa's DTC starter that `npm run e2e:dtc` (and `npm test`, when it finds one) applies the plugin
 * to: DTC_STARTER_DIR when set; else the snapshot beside this checkout (../shared/vendor/dtc-starter);
 * else the one beside the repository this checkout was cloned from, when that is a folder on this
 * machine (a fresh clone's). Null when there is none.
 */
export function dtcStarterDir() {
  const isStarter = (dir) => fs.existsSync(path.join(dir, "apps/backend/package.json")) && fs.existsSync(path.join(dir, "apps/storefront/package.json"))
  if (process.env.DTC_STARTER_DIR) {
    const dir = path.resolve(process.env.DTC_STARTER_DIR)
    return isStarter(dir) ? dir : null
  }
  const candidates = [path.join(projectRoot, "../shared/vendor/dtc-starter")]
  const origin = spawnSync("git", ["config", "--get", "remote.origin.url"], { cwd: projectRoot, encoding: "utf8" })
  const url = origin.status === 0 ? origin.stdout.trim() : ""
  // a local path or file:// URL only; a network remote has no snapshot beside it
  if (url.startsWith("/") || url.startsWith("file://")) candidates.push(path.join(url.replace(/^file:\/\//, ""), "../shared/vendor/dtc-starter"))
  return candidates.map((dir) => path.resolve(dir)).find(isStarter) ?? null
}
