#!/usr/bin/env node
// `npm run demo`: installs what is missing, finds a PostgreSQL (configured, else an embedded one that
// keeps its data in .mlm-data/pg-demo), migrates, seeds a store with a network of distributors
// (idempotent), creates the admin user and starts Medusa with the plugin. Prints the URLs to open.
//   npm run demo -- --setup-only   prepare everything, do not start the server
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { projectRoot } from "./lib/paths.mjs"
import { installIfMissing } from "./lib/install.mjs"

process.chdir(projectRoot)
installIfMissing()

const { resolveDatabase, databaseUrl, ensureDatabaseExists } = await import("./lib/database.mjs")
const { default: pg } = await import("pg")

const setupOnly = process.argv.includes("--setup-only")
const port = process.env.PORT || "9000"
const adminEmail = process.env.MLM_DEMO_ADMIN_EMAIL || "admin@example.com"
const adminPassword = process.env.MLM_DEMO_ADMIN_PASSWORD || "supersecret"
const distributorPassword = process.env.MLM_DEMO_DISTRIBUTOR_PASSWORD || "supersecret"
const backendUrl = `http://localhost:${port}`
const storefrontPort = process.env.STOREFRONT_PORT || "8000"
const storefrontTemplate = process.env.MLM_STOREFRONT_URL_TEMPLATE || `http://localhost:${storefrontPort}/{handle}`

const step = (n, text) => console.log(`\n[demo ${n}/5] ${text}`)

step(1, "database")
const db = await resolveDatabase({ name: "pg-demo", persistent: true })
const dbName = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) : "medusa_mlm_demo"
await ensureDatabaseExists(db.connection, dbName)
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl(db.connection, dbName),
  MEDUSA_DISABLE_TELEMETRY: "true",
  MEDUSA_BACKEND_URL: backendUrl,
  PORT: port,
  MLM_DEMO_DISTRIBUTOR_PASSWORD: distributorPassword,
  MLM_STOREFRONT_URL_TEMPLATE: storefrontTemplate,
  STORE_CORS: process.env.STORE_CORS || `http://localhost:${storefrontPort}`,
  AUTH_CORS: process.env.AUTH_CORS || `http://localhost:${storefrontPort},http://localhost:${port}`,
}
const medusaBin = path.join(projectRoot, "node_modules", "@medusajs", "cli", "cli.js")
const medusa = (args) => {
  const run = spawnSync(process.execPath, [medusaBin, ...args], { stdio: "inherit", env })
  if (run.status !== 0) {
    console.error(`medusa ${args.join(" ")} failed`)
    db.stop().finally(() => process.exit(run.status ?? 1))
    return false
  }
  return true
}

step(2, "migrations (Medusa's and the plugin's)")
if (!medusa(["db:migrate"])) await new Promise(() => {})

step(3, "seeding the store and the network (skips what is already there)")
if (!medusa(["exec", "./demo/seed.ts"])) await new Promise(() => {})

step(4, `admin user ${adminEmail}`)
const client = new pg.Client({ connectionString: env.DATABASE_URL })
await client.connect()
const { rowCount: adminExists } = await client.query(
  `SELECT 1 FROM "user" WHERE email = $1 AND deleted_at IS NULL`,
  [adminEmail]
)
await client.end()
if (adminExists) console.log("admin user already exists")
else if (!medusa(["user", "-e", adminEmail, "-p", adminPassword])) await new Promise(() => {})

const demo = JSON.parse(fs.readFileSync(path.join(projectRoot, ".mlm-data", "demo.json"), "utf8"))
const template = storefrontTemplate
const examples = [0, 1, 4].map((i) => demo.distributors[i])
const summary = () => {
  const line = "-".repeat(72)
  console.log(`\n${line}\nmedusa-plugin-mlm demo is ${setupOnly ? "set up" : "running"}\n${line}`)
  console.log(`Medusa admin:      ${backendUrl}/app`)
  console.log(`  e-mail:          ${adminEmail}`)
  console.log(`  password:        ${adminPassword}`)
  console.log(`Store API:         ${backendUrl}/store   (header x-publishable-api-key)`)
  console.log(`Publishable key:   ${demo.publishable_key}`)
  console.log(`Demo storefront:   http://localhost:${storefrontPort}/  (a distributor's store: add their handle)`)
  console.log(`Distributor store URLs (template ${template}):`)
  for (const d of examples) {
    console.log(`  ${template.split("{handle}").join(d.handle).padEnd(44)} ${d.name}, level ${d.level}`)
  }
  console.log(`Storefront profile: curl -H 'x-publishable-api-key: ${demo.publishable_key}' ${backendUrl}/store/mlm/storefronts/${examples[0].handle}`)
  console.log(`Distributor login: ${examples[1].email} / ${distributorPassword} (POST ${backendUrl}/auth/customer/emailpass)`)
  console.log(`${demo.distributors.length} distributors seeded; data in ${db.embedded ? ".mlm-data/pg-demo" : "your configured database"}`)
  console.log(line)
}

if (setupOnly) {
  summary()
  await db.stop()
  process.exit(0)
}

step(5, `starting Medusa on ${backendUrl} (Ctrl-C stops it)`)
const portTaken = await new Promise((resolve) => {
  const probe = net.createServer().once("error", () => resolve(true)).once("listening", () => probe.close(() => resolve(false)))
  probe.listen(Number(port))
})
if (portTaken) {
  console.error(`Port ${port} is in use (another Medusa?). Stop it, or run: PORT=9100 npm run demo`)
  await db.stop()
  process.exit(1)
}
// Its own process group: `medusa develop` starts a child server that must stop with it.
const server = spawn(process.execPath, [medusaBin, "develop"], { stdio: "inherit", env, detached: true })
const shutdown = async (code) => {
  try {
    process.kill(-server.pid, "SIGTERM")
  } catch {}
  await db.stop().catch(() => {})
  process.exit(code)
}
process.on("SIGINT", () => shutdown(0))
process.on("SIGTERM", () => shutdown(0))
server.on("exit", (code) => shutdown(code ?? 0))

// The demo storefront: one static page that uses the store API (the plugin's routes included).
const http = await import("node:http")
http
  .createServer((req, res) => {
    if (req.url === "/config.json") {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ backendUrl, publishableKey: demo.publishable_key, regionId: demo.region_id }))
      return
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    res.end(fs.readFileSync(path.join(projectRoot, "demo", "storefront", "index.html")))
  })
  .listen(Number(storefrontPort))

for (let attempt = 0; attempt < 240; attempt++) {
  try {
    const res = await fetch(`${backendUrl}/health`)
    if (res.ok) {
      summary()
      break
    }
  } catch {}
  await new Promise((r) => setTimeout(r, 1000))
}
