import { getDistributorPage } from "@lib/data/mlm"
import DistributorPage from "@modules/mlm/components/distributor-page"
import { Metadata } from "next"
import { notFound } from "next/navigation"

type Props = { params: Promise<{ countryCode: string; handle: string }> }

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { handle } = await props.params
  const storefront = await getDistributorPage(handle)
  return { title: storefront ? `Shop with ${storefront.display_name}` : "Not found" }
}

/** Where /{handle} lands: the distributor's own page (the middleware has set the referral cookie). */
export default async function WithDistributor(props: Props) {
  const { handle } = await props.params
  const storefront = await getDistributorPage(handle)
  if (!storefront) notFound()
  return <DistributorPage storefront={storefront} />
}
