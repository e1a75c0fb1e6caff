import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCustomerAccountWorkflow } from "@medusajs/medusa/core-flows"
import { enrollDistributorWorkflow } from "../src/workflows/network/workflows/enroll-distributor"
import { NETWORK_MODULE } from "../src/modules/network"
import type NetworkModuleService from "../src/modules/network/service"

const FIRST_NAMES = [
  "Jane", "Liam", "Mia", "Noah", "Emma", "Oskar", "Sofia", "Lucas", "Ava", "Elias", "Lena", "Felix", "Clara",
  "Jonas", "Ida", "Paul", "Nora", "Theo", "Ella", "Max", "Lea", "Ben", "Hanna", "Leon", "Marie", "Finn",
  "Emil", "Lina", "Anton", "Greta", "Moritz",
]
const LAST_NAMES = ["Doe", "Weber", "Martin", "Jansen", "Dubois", "Peeters", "Huber", "Schmidt"]

export type DemoDistributor = { handle: string; name: string; email: string; sponsor: string | null; level: number }

/** 1 founder, 3 frontline, 9 on level 2, 18 on level 3: 31 distributors over 4 levels. */
export function demoNetwork(): DemoDistributor[] {
  const shape = [1, 3, 3, 2]
  const people: DemoDistributor[] = []
  let parents: (string | null)[] = [null]
  let n = 0
  for (let level = 0; level < shape.length; level++) {
    const next: string[] = []
    for (const sponsor of parents) {
      for (let i = 0; i < shape[level]; i++) {
        const first = FIRST_NAMES[n % FIRST_NAMES.length]
        const last = LAST_NAMES[n % LAST_NAMES.length]
        const handle = `${first}-${last}`.toLowerCase()
        people.push({ handle, name: `${first} ${last}`, email: `${handle}@example.com`, sponsor, level })
        next.push(handle)
        n++
      }
    }
    parents = next
  }
  return people
}

/**
 * Creates each distributor the way a real one comes about: a customer account with a password
 * (emailpass), then the plugin's enrolment workflow under the sponsor. Existing ones are skipped.
 */
export async function seedNetwork(
  container: MedusaContainer,
  { password, log = () => {} }: { password: string; log?: (message: string) => void }
) {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const authModule = container.resolve(Modules.AUTH)
  const customerModule = container.resolve(Modules.CUSTOMER)
  const people = demoNetwork()
  let created = 0
  for (const [index, person] of people.entries()) {
    if (await network.retrieveDistributorByHandle(person.handle)) continue
    let [customer] = await customerModule.listCustomers({ email: person.email, has_account: true })
    if (!customer) {
      const { authIdentity, error } = await authModule.register("emailpass", {
        body: { email: person.email, password },
      } as any)
      if (error || !authIdentity) throw new Error(`could not register ${person.email}: ${error}`)
      const [first_name, last_name] = person.name.split(" ")
      const { result } = await createCustomerAccountWorkflow(container).run({
        input: { authIdentityId: authIdentity.id, customerData: { email: person.email, first_name, last_name } },
      })
      customer = result
    }
    await enrollDistributorWorkflow(container).run({
      input: {
        customer_id: customer.id,
        handle: person.handle,
        display_name: person.name,
        sponsor_handle: person.sponsor ?? undefined,
      },
    })
    created++
    log(`network: ${index + 1}/${people.length} ${person.handle} (level ${person.level})`)
  }
  return { people, created }
}
