import { getReferrer } from "@lib/data/mlm"
import LocalizedClientLink from "@modules/common/components/localized-client-link"

/** "You are shopping with {name}" on every page of a referred visit (the referral cookie is set). */
export default async function ReferralBanner() {
  const referrer = await getReferrer()
  if (!referrer) return null
  return (
    <div className="w-full bg-ui-bg-subtle border-b border-ui-border-base" data-testid="referral-banner">
      <div className="content-container flex items-center justify-center gap-x-3 py-2 txt-compact-small">
        {referrer.avatar_url && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={referrer.avatar_url} alt="" className="h-6 w-6 rounded-full object-cover" />
        )}
        <span>
          You are shopping with{" "}
          <LocalizedClientLink href={`/with/${referrer.handle}`} className="txt-compact-small-plus underline" data-testid="referral-name">
            {referrer.display_name}
          </LocalizedClientLink>
        </span>
      </div>
    </div>
  )
}
