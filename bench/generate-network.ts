/**
 * Adds the generated network (MLM_BENCH_SIZE, default 1,000,000: member-0 at the top, everyone else
 * below it) to the database at DATABASE_URL, beside the distributors already there, with a guest
 * customer per member. `npm run e2e:admin:1m` runs it on its demo; a database that already holds
 * the generated network is left as it is.
 */
import { Client } from "pg"
import { generate, hasGeneratedNetwork } from "./network.bench"

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    if (await hasGeneratedNetwork(client)) console.log("The generated network is already there")
    else await generate(client, { mode: "append", customers: true })
  } finally {
    await client.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
