#!/usr/bin/env node
// Applies medusa-plugin-mlm to a fresh copy of Medusa's DTC starter (apps/backend + apps/storefront):
//   node examples/dtc-starter/apply.mjs <target-dir>
// The starter comes from DTC_STARTER_DIR (your clone of medusajs/dtc-starter; default: the snapshot
// in ../shared/vendor/dtc-starter) and is copied, never edited in place. Then:
//   1. the backend moves to Medusa 2.21.x (the plugin's version) and lists the plugin (backend.patch);
//   2. the storefront gets the referral middleware, the referral on the cart, the "shopping with"
//      banner, the distributor's page and the account area's join / enrol / "My business" (storefront.patch
//      for the starter's own files, files/ for the ones it adds);
//   3. both package.json files gain medusa-plugin-mlm (MLM_PLUGIN_SPEC, default ^0.1.0: a version,
//      or file:/path/to/medusa-plugin-mlm-x.y.z.tgz from `npm pack`), the storefront also qrcode.react.
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, "../..")
const source = path.resolve(process.env.DTC_STARTER_DIR || path.join(repoRoot, "../shared/vendor/dtc-starter"))
const target = process.argv[2] && path.resolve(process.argv[2])
const pluginSpec = process.env.MLM_PLUGIN_SPEC || "^0.1.0"

/** Versions the example moves to; the plugin is built and tested on these. */
export const MEDUSA_VERSION = "2.21.2"
export const MEDUSA_UI_VERSION = "4.2.6"
export const QRCODE_REACT_VERSION = "^4.2.0"

function fail(message) {
  console.error(`apply: ${message}`)
  process.exit(1)
}

if (!target) fail("name a target folder: node examples/dtc-starter/apply.mjs <target-dir>")
if (!fs.existsSync(path.join(source, "apps/backend/package.json")) || !fs.existsSync(path.join(source, "apps/storefront/package.json"))) {
  fail(`${source} is not the DTC starter (no apps/backend and apps/storefront); set DTC_STARTER_DIR to your clone`)
}
if (target === source || target.startsWith(source + path.sep)) fail("the target must be outside the starter: it is copied, never edited in place")
if (fs.existsSync(target) && fs.readdirSync(target).length) fail(`${target} is not empty`)

console.log(`[apply 1/4] copying ${source} -> ${target}`)
const skip = new Set(["node_modules", ".next", ".git", ".turbo", ".medusa"])
fs.cpSync(source, target, { recursive: true, filter: (from) => !skip.has(path.basename(from)) })

console.log("[apply 2/4] patching the starter's files (backend.patch, storefront.patch)")
for (const patch of ["backend.patch", "storefront.patch"]) {
  try {
    // GIT_CEILING_DIRECTORIES: the target is never taken for part of an enclosing repository.
    execFileSync("git", ["apply", "--whitespace=nowarn", path.join(here, patch)], {
      cwd: target,
      stdio: "pipe",
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(target) },
    })
  } catch (error) {
    fail(`${patch} does not apply to this starter (${String(error.stderr || error.message).trim()}); it was made for the snapshot of dtc-starter in ../shared/vendor`)
  }
}

console.log("[apply 3/4] adding the storefront's new files (files/)")
fs.cpSync(path.join(here, "files"), target, { recursive: true })

console.log(`[apply 4/4] package.json: Medusa ${MEDUSA_VERSION}, medusa-plugin-mlm ${pluginSpec}`)
const editJson = (file, edit) => {
  const full = path.join(target, file)
  const json = JSON.parse(fs.readFileSync(full, "utf8"))
  edit(json)
  fs.writeFileSync(full, JSON.stringify(json, null, 2) + "\n")
}
const moveMedusa = (deps = {}) => {
  for (const name of Object.keys(deps)) {
    if (name === "@medusajs/ui") deps[name] = MEDUSA_UI_VERSION
    else if (name.startsWith("@medusajs/") && /^\d/.test(deps[name]) && name !== "@medusajs/eslint-plugin") deps[name] = MEDUSA_VERSION
  }
}
editJson("apps/backend/package.json", (pkg) => {
  moveMedusa(pkg.dependencies)
  moveMedusa(pkg.devDependencies)
  pkg.dependencies["medusa-plugin-mlm"] = pluginSpec
})
// The storefront keeps the starter's js-sdk: it talks to any 2.x backend, and the kit needs only sdk.client.fetch.
editJson("apps/storefront/package.json", (pkg) => {
  pkg.dependencies["medusa-plugin-mlm"] = pluginSpec
  pkg.dependencies["qrcode.react"] = QRCODE_REACT_VERSION
})

console.log(`
Done. Next, as in the starter's README (pnpm install at the top, or npm install in each app):
  cd ${path.relative(process.cwd(), target) || "."}/apps/backend && npm install && npx medusa db:migrate
  cd ../storefront && npm install && cp .env.template .env.local   # set NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY
`)
