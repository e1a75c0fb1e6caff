import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { projectRoot } from "./paths.mjs"

/** The README commands work on a fresh clone: install the dependencies first if they are missing. */
export function installIfMissing() {
  if (fs.existsSync(path.join(projectRoot, "node_modules", "@medusajs", "medusa", "package.json"))) return
  console.log("Installing dependencies (npm install)... this takes a minute or two the first time.")
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit", cwd: projectRoot })
  if (install.status !== 0) process.exit(install.status ?? 1)
}
