import { retrieveCustomer } from "@lib/data/customer"
import { listProducts } from "@lib/data/products"
import { getAccountStanding } from "@lib/data/mlm"
import CommissionList from "@modules/mlm/components/commission-list"
import JoinPanel from "@modules/mlm/components/join-panel"
import PersonalLink from "@modules/mlm/components/personal-link"
import SiteEditor from "@modules/mlm/components/site-editor"
import TeamTree from "@modules/mlm/components/team-tree"
import { Metadata } from "next"
import { notFound } from "next/navigation"

export const metadata: Metadata = {
  title: "My business",
  description: "Your store link, your team and your commissions.",
}

export default async function Business(props: { params: Promise<{ countryCode: string }> }) {
  const { countryCode } = await props.params
  const customer = await retrieveCustomer()
  if (!customer) notFound()
  const { business, membership } = await getAccountStanding()

  if (!business) {
    const storeOrigin = (process.env.NEXT_PUBLIC_BASE_URL || "http://localhost:8000").replace(/\/$/, "")
    return (
      <div className="w-full" data-testid="business-page">
        <div className="mb-8 flex flex-col gap-y-4">
          <h1 className="text-2xl-semi">My business</h1>
        </div>
        <JoinPanel membership={membership} storeOrigin={storeOrigin} />
      </div>
    )
  }

  const { me, team, commissions, site } = business
  // the shop's products a distributor can feature on their page, by title (the same order every visit)
  const { response } = await listProducts({ countryCode, queryParams: { limit: 50, fields: "id,title", order: "title" } })
  const products = response.products.map((p) => ({ id: p.id, title: p.title ?? p.id }))
  return (
    <div className="w-full flex flex-col gap-y-10" data-testid="business-page">
      <div className="flex flex-col gap-y-2">
        <h1 className="text-2xl-semi">My business</h1>
        <p className="txt-medium text-ui-fg-subtle" data-testid="business-summary">
          {me.distributor.display_name} · @{me.distributor.handle}
          {me.distributor.sponsor ? ` · sponsored by ${me.distributor.sponsor.display_name}` : ""}
        </p>
      </div>
      <section className="flex flex-col gap-y-4">
        <h2 className="text-large-semi">Your link</h2>
        <PersonalLink url={me.distributor.store_url} />
      </section>
      <section className="flex flex-col gap-y-4">
        <h2 className="text-large-semi">Your page</h2>
        <SiteEditor site={site} handle={me.distributor.handle} products={products} />
      </section>
      <section className="flex flex-col gap-y-4">
        <h2 className="text-large-semi">Your team</h2>
        <TeamTree frontline={team.members} total={me.stats.downline_count} />
      </section>
      <section className="flex flex-col gap-y-4">
        <h2 className="text-large-semi">Your commissions</h2>
        <CommissionList lines={commissions.commissions} totals={commissions.totals} count={commissions.count} />
      </section>
    </div>
  )
}
