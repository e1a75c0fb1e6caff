#!/usr/bin/env node
// `npm test`: installs dependencies if they are missing, finds a PostgreSQL (the configured one,
// else an embedded one that is thrown away afterwards) and runs every jest project in band.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
import { spawn } from "node:child_process"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()

const { resolveDatabase, connectionEnv } = await import("./lib/database.mjs")
const db = await resolveDatabase({ name: "pg-test", persistent: false })

const jestBin = path.join(projectRoot, "node_modules", "jest", "bin", "jest.js")
const child = spawn(process.execPath, [jestBin, "--runInBand", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...connectionEnv(db.connection),
    DATABASE_URL: "",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
    LOG_LEVEL: process.env.LOG_LEVEL || "error",
    MEDUSA_DISABLE_TELEMETRY: "true",
  },
})
const stopAndExit = async (code) => {
  await db.stop().catch(() => {})
  process.exit(code)
}
process.on("SIGINT", () => child.kill("SIGINT"))
process.on("SIGTERM", () => child.kill("SIGTERM"))
child.on("exit", (code, signal) => stopAndExit(code ?? (signal ? 1 : 0)))
