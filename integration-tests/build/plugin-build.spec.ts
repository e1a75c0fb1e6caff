import { execFileSync } from "child_process"
import fs from "fs"
import path from "path"

jest.setTimeout(300_000)

const root = path.resolve(__dirname, "../..")
const out = path.join(root, ".medusa/server")

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full) : [path.relative(out, full)]
  })
}

describe("npm run build (medusa plugin:build, then the storefront kit's type declarations)", () => {
  let files: string[]

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "node_modules/@medusajs/cli/cli.js"), "plugin:build"], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
    })
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.storefront.json"], { cwd: root, stdio: "pipe" })
    files = listFiles(out)
  })

  it("ships the module, its migrations, routes, workflows, links and admin bundle", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "src/modules/network/index.js",
        "src/modules/network/migrations/Migration20261122192711.js",
        "src/api/middlewares.js",
        "src/api/store/mlm/distributors/route.js",
        "src/api/admin/mlm/distributors/[id]/sponsor/route.js",
        "src/workflows/index.js",
        "src/links/distributor-customer.js",
        "src/admin/index.js",
      ])
    )
  })

  it("ships no tests, no development config and no development scripts", () => {
    const leaked = files.filter((file) =>
      /(__tests__|\.spec\.|integration-tests|medusa-config|jest\.config|^scripts\/|demo\/|bench\/|\.mlm-data)/.test(file)
    )
    expect(leaked).toEqual([])
    // The one exec script a shop runs (`medusa exec`): the network import.
    expect(files.filter((file) => file.startsWith("src/scripts/"))).toEqual(["src/scripts/import-network.js"])
  })

  it("matches the package.json exports map", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
    expect(pkg.files).toEqual([".medusa/server"])
    expect(pkg.exports["./modules/*"]).toBe("./.medusa/server/src/modules/*/index.js")
    expect(fs.existsSync(path.join(out, "src/modules/network/index.js"))).toBe(true)
    expect(fs.existsSync(path.join(root, pkg.exports["./workflows"]))).toBe(true)
    // The storefront kit: no server code in it, so a storefront can bundle it.
    const kit = path.join(root, pkg.exports["./storefront"].default)
    expect(fs.existsSync(kit)).toBe(true)
    // Typed: the declarations ship beside it, and name the kit's calls and the shared store types.
    const types = fs.readFileSync(path.join(root, pkg.exports["./storefront"].types), "utf8")
    expect(types).toMatch(/export declare function mlm\(sdk: MedusaSdkLike, options\?: MlmKitOptions\)/)
    expect(types).toContain("handleAvailability: (handle: string) => Promise<HandleAvailability>")
    const kitSource = fs.readdirSync(path.dirname(kit)).filter((file) => file.endsWith(".js")).map((file) => fs.readFileSync(path.join(path.dirname(kit), file), "utf8")).join("\n")
    expect(kitSource).not.toMatch(/@medusajs\/framework|require\("pg|\/modules\/network\/(service|index)/)
  })

  it("validates the plugin options when the built module loads, with a clear error", async () => {
    const loader = require(path.join(out, "src/modules/network/loaders/validate-options.js")).default
    await expect(loader({ options: { storefront_url_template: "https://shop.example/" } })).rejects.toThrow(
      "medusa-plugin-mlm: invalid plugin options: storefront_url_template: must contain the placeholder {handle}"
    )
    await expect(loader({ options: {} })).resolves.toBeUndefined()
  })
})
