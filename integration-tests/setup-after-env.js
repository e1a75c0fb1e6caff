// The test runner recreates the database before each test (from a template), terminating every open
// connection. Idle connections left in the app's pool would then be found dead one by one (knex logs
// "Connection ended unexpectedly" for each): close the pool before the restore; the next query opens a
// fresh one.
const { container } = require("@medusajs/framework")
const { ContainerRegistrationKeys } = require("@medusajs/framework/utils")

beforeEach(async () => {
  if (!container.hasRegistration(ContainerRegistrationKeys.PG_CONNECTION)) return
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  if (!knex?.client?.pool) return
  await knex.destroy()
  knex.initialize()
})
