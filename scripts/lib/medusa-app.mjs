// Processes for the multi-process commands (`npm run test:scale`, the checkout bench, `npm run e2e:dtc`):
// a command or the Medusa CLI run to completion, background processes with their logs in files
// (`medusa start`, or any server such as the DTC starter's), and a guest checkout through the store API.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { projectRoot } from "./paths.mjs"

export const medusaBin = path.join(projectRoot, "node_modules", "@medusajs", "cli", "cli.js")
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** `command args` to completion; with `quiet` its output is kept and shown (the tail) only on failure. Returns stdout. */
export function runCommand(command, args, { cwd = projectRoot, env = process.env, quiet = true } = {}) {
  const run = spawnSync(command, args, { cwd, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", encoding: "utf8" })
  if (run.status !== 0) {
    if (quiet) console.error(run.stdout?.slice(-4000), run.stderr?.slice(-4000))
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed in ${cwd}`)
  }
  return run.stdout ?? ""
}

/** `medusa <args>` to completion; throws with its output on failure (`quiet: false` shows it as it runs). */
export function runMedusa(args, env, cwd = projectRoot, { quiet = true } = {}) {
  return runCommand(process.execPath, [medusaBin, ...args], { env, cwd, quiet })
}

/**
 * Named background processes, each logging to `<logDir>/<name>.log`: started, awaited until a URL
 * answers, stopped. `group: true` starts one in its own process group, so stopping it also stops
 * what it spawned (next start, medusa develop).
 */
export function backgroundProcesses(logDir) {
  const processes = {}
  const logOf = (name) => path.join(logDir, `${name}.log`)
  return {
    processes,
    start(name, command, args, { cwd = projectRoot, env = process.env, group = false } = {}) {
      const out = fs.openSync(logOf(name), "a")
      const child = spawn(command, args, { cwd, env, stdio: ["ignore", out, out], detached: group })
      processes[name] = { child, group }
      child.on("exit", (code, signal) => {
        if (processes[name]?.child === child) processes[name].exited = { code, signal }
      })
      return child
    },
    /** Until `url` answers below 500 (a redirect counts), or the process exits, or `timeoutS` passes. */
    async waitFor(name, url, timeoutS = 180) {
      const deadline = Date.now() + timeoutS * 1000
      while (Date.now() < deadline) {
        if (processes[name].exited) throw new Error(`${name} exited: ${JSON.stringify(processes[name].exited)} (log: ${logOf(name)})`)
        try {
          if ((await fetch(url, { redirect: "manual" })).status < 500) return
        } catch {}
        await sleep(500)
      }
      throw new Error(`${name} did not answer ${url} within ${timeoutS} s (log: ${logOf(name)})`)
    },
    stopAll(signal = "SIGKILL") {
      for (const { child, group } of Object.values(processes)) {
        try {
          if (group) process.kill(-child.pid, signal)
          else child.kill(signal)
        } catch {}
      }
    },
  }
}

/** Named `medusa start` processes (see backgroundProcesses), each awaited on its /health. */
export function medusaProcesses(logDir) {
  const background = backgroundProcesses(logDir)
  const ports = {}
  return {
    processes: background.processes,
    start(name, { port, env, cwd = projectRoot, nodeArgs = [] }) {
      ports[name] = port
      return background.start(name, process.execPath, [...nodeArgs, medusaBin, "start", "--port", String(port)], { cwd, env: { ...env, PORT: String(port) } })
    },
    waitHealthy: (name, timeoutS = 180) => background.waitFor(name, `http://localhost:${ports[name]}/health`, timeoutS),
    killAll: () => background.stopAll("SIGKILL"),
  }
}

/**
 * The store API of one app, and a guest checkout through it: cart, (referral,) shipping, payment
 * session, complete. `seed` is what integration-tests/scale/seed.ts wrote.
 */
export function storeClient(baseUrl, seed) {
  const storeHeaders = { "content-type": "application/json", "x-publishable-api-key": seed.publishable_key }
  async function call(method, url, body, headers = storeHeaders) {
    const res = await fetch(`${baseUrl}${url}`, { method, headers, body: body ? JSON.stringify(body) : undefined })
    const data = await res.json().catch(() => ({}))
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(data)}`)
    return data
  }
  const address = { first_name: "Scale", last_name: "Buyer", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  /** A guest checkout; with a handle, the cart is referred by that distributor's link first. */
  async function placeOrder(n, handle) {
    const product = seed.products[n % seed.products.length]
    const { cart } = await call("POST", "/store/carts", {
      region_id: seed.region_id,
      sales_channel_id: seed.sales_channel_id,
      email: `scale-buyer-${n}@example.com`,
      shipping_address: address,
      billing_address: address,
      items: [{ variant_id: product.variant_id, quantity: 1 + (n % 3) }],
    })
    if (handle) await call("POST", `/store/mlm/carts/${cart.id}/referral`, { handle })
    await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id })
    const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id })
    await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
    const done = await call("POST", `/store/carts/${cart.id}/complete`, {})
    if (done.type !== "order") throw new Error(`cart ${cart.id} did not become an order: ${JSON.stringify(done)}`)
    return { order_id: done.order.id, handle, placed_at: Date.now() }
  }
  return { call, placeOrder }
}
