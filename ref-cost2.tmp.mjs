import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { medusaProcesses, storeClient } from "./scripts/lib/medusa-app.mjs"
import { projectRoot } from "./scripts/lib/paths.mjs"
import { processCpu } from "./scripts/lib/cpu.mjs"
const seed = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const env = { ...process.env, DATABASE_URL: "postgres://postgres@localhost:5432/mlm_bench_checkout", MEDUSA_DISABLE_TELEMETRY: "true", MEDUSA_ADMIN_DISABLED: "true", LOG_LEVEL: "error", NODE_ENV: process.env.NODE_ENV || "development" }
delete env.REDIS_URL
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mlm-host-app-`))
fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir")
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `host-medusa-app`, private: true, dependencies: { "@medusajs/medusa": "2.21.x" } }))
fs.writeFileSync(path.join(dir, "medusa-config.js"), `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: { databaseUrl: process.env.DATABASE_URL, databaseDriverOptions: { connection: { ssl: false } },
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" } },
  plugins: [{ resolve: "@medusajs/loyalty-plugin", options: {} }],
  admin: { disable: true },
})
`)
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "refcost-"))
const apps = medusaProcesses(logDir)
apps.start("plugin", { port: 9420, env })
apps.start("host", { port: 9421, env, cwd: dir })
try {
  await Promise.all([apps.waitHealthy("plugin"), apps.waitHealthy("host")])
  const stores = { plugin: storeClient("http://localhost:9420", seed), host: storeClient("http://localhost:9421", seed) }
  const N = Number(process.env.N || 150)
  const carts = { plugin: [], host: [] }
  for (const app of ["plugin", "host"]) for (let i = 0; i < N + 20; i++) carts[app].push((await stores[app].call("POST", "/store/carts", { region_id: seed.region_id, sales_channel_id: seed.sales_channel_id, email: `rc${i}@example.com` })).cart.id)
  const kinds = {
    "POST cart": (s, app, i) => s.call("POST", "/store/carts", { region_id: seed.region_id, sales_channel_id: seed.sales_channel_id, email: `rd${i}@example.com` }),
    "POST cart empty": (s, app, i) => s.call("POST", "/store/carts", {}),
  }
  const total = {}
  for (let rep = 0; rep < Number(process.env.REPS || 3); rep++)
    for (const [name, fn] of Object.entries(kinds))
      for (const app of rep % 2 ? ["host", "plugin"] : ["plugin", "host"]) {
        const pid = apps.processes[app].child.pid
        for (let i = N; i < N + 10; i++) await fn(stores[app], app, i)
        const c0 = processCpu(pid)
        for (let i = 0; i < N; i++) await fn(stores[app], app, i)
        const ms = ((processCpu(pid) - c0) * 1000) / N
        total[`${name} ${app}`] = (total[`${name} ${app}`] ?? 0) + ms / Number(process.env.REPS || 3)
      }
  for (const [k, v] of Object.entries(total)) console.log(k.padEnd(24), v.toFixed(2), "ms CPU per request")
} finally { apps.killAll(); fs.rmSync(dir, { recursive: true, force: true }) }
process.exit(0)
