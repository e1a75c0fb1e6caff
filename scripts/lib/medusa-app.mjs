// Medusa processes for the multi-process commands (`npm run test:scale`, the checkout bench):
// the CLI run to completion, `medusa start` in the background with its log in a file, and a guest
// checkout through the store API.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { projectRoot } from "./paths.mjs"

export const medusaBin = path.join(projectRoot, "node_modules", "@medusajs", "cli", "cli.js")
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** `medusa <args>` to completion; throws with its output on failure. */
export function runMedusa(args, env, cwd = projectRoot) {
  const run = spawnSync(process.execPath, [medusaBin, ...args], { stdio: ["ignore", "pipe", "pipe"], env, encoding: "utf8", cwd })
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr)
    throw new Error(`medusa ${args.join(" ")} failed`)
  }
  return run.stdout
}

/** Named `medusa start` processes, each logging to `<logDir>/<name>.log`. */
export function medusaProcesses(logDir) {
  const processes = {}
  return {
    processes,
    start(name, { port, env, cwd = projectRoot, nodeArgs = [] }) {
      const out = fs.openSync(path.join(logDir, `${name}.log`), "a")
      const child = spawn(process.execPath, [...nodeArgs, medusaBin, "start", "--port", String(port)], {
        env: { ...env, PORT: String(port) },
        stdio: ["ignore", out, out],
        cwd,
      })
      processes[name] = { child, port }
      child.on("exit", (code, signal) => {
        if (processes[name]?.child === child) processes[name].exited = { code, signal }
      })
      return child
    },
    async waitHealthy(name, timeoutS = 180) {
      const { port } = processes[name]
      const deadline = Date.now() + timeoutS * 1000
      while (Date.now() < deadline) {
        if (processes[name].exited) throw new Error(`${name} exited: ${JSON.stringify(processes[name].exited)} (log: ${logDir}/${name}.log)`)
        try {
          if ((await fetch(`http://localhost:${port}/health`)).ok) return
        } catch {}
        await sleep(500)
      }
      throw new Error(`${name} did not answer /health within ${timeoutS} s (log: ${logDir}/${name}.log)`)
    },
    killAll() {
      for (const { child } of Object.values(processes)) {
        try {
          child.kill("SIGKILL")
        } catch {}
      }
    },
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
