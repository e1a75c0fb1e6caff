import { spawnSync } from "child_process"
import path from "path"

jest.setTimeout(300_000)

const root = path.resolve(__dirname, "../..")

// The benches run with ts-node's transpile-only mode, which checks no types: a bench that drifted from
// the plugin's types (a settlement run without a field added since) would only be found by reading it.
describe("the benches (bench/*.ts)", () => {
  it("type-check against the plugin's own types (tsconfig.bench.json)", () => {
    const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.bench.json"], {
      cwd: root,
      encoding: "utf8",
    })
    expect(tsc.stdout + tsc.stderr).toBe("")
    expect(tsc.status).toBe(0)
  })
})
