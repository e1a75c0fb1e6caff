import LocalizedClientLink from "@modules/common/components/localized-client-link"
import Thumbnail from "@modules/products/components/thumbnail"
import type { StorefrontView } from "medusa-plugin-mlm/storefront"

/** A distributor's replicated site: photo, name, bio, how to reach them and their featured products. */
export default function DistributorPage({ storefront }: { storefront: StorefrontView }) {
  const { contact } = storefront
  return (
    <div className="content-container py-12 flex flex-col gap-y-10" data-testid="distributor-page">
      <div className="flex flex-col small:flex-row gap-8 items-start">
        {storefront.avatar_url ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={storefront.avatar_url} alt={storefront.display_name} className="h-32 w-32 rounded-full object-cover" />
        ) : (
          <div className="h-32 w-32 rounded-full bg-ui-bg-subtle flex items-center justify-center text-3xl-semi text-ui-fg-subtle">
            {storefront.display_name.slice(0, 1).toUpperCase()}
          </div>
        )}
        <div className="flex flex-col gap-y-3 max-w-2xl">
          <h1 className="text-2xl-semi" data-testid="distributor-name">
            {storefront.display_name}
          </h1>
          {storefront.bio && <p className="whitespace-pre-line text-ui-fg-subtle">{storefront.bio}</p>}
          {contact && (
            <ul className="flex flex-wrap gap-x-6 gap-y-1 txt-compact-small">
              {contact.email && (
                <li>
                  <a className="underline" href={`mailto:${contact.email}`}>{contact.email}</a>
                </li>
              )}
              {contact.phone && (
                <li>
                  <a className="underline" href={`tel:${contact.phone.replace(/\s+/g, "")}`}>{contact.phone}</a>
                </li>
              )}
              {contact.url && (
                <li>
                  <a className="underline" href={contact.url} rel="noopener noreferrer nofollow" target="_blank">{contact.url}</a>
                </li>
              )}
            </ul>
          )}
          <p className="txt-compact-small text-ui-fg-muted">Everything you buy in this visit is credited to {storefront.display_name}.</p>
        </div>
      </div>
      {storefront.featured_products.length > 0 && (
        <section className="flex flex-col gap-y-6">
          <h2 className="txt-xlarge">{storefront.display_name.split(" ")[0]}&apos;s picks</h2>
          <ul className="grid grid-cols-2 small:grid-cols-4 gap-x-6 gap-y-8" data-testid="featured-products">
            {storefront.featured_products.map((product) => (
              <li key={product.id}>
                <LocalizedClientLink href={`/products/${product.handle}`} className="group flex flex-col gap-y-2">
                  <Thumbnail thumbnail={product.thumbnail} size="full" />
                  <span className="txt-compact-medium">{product.title}</span>
                  {product.subtitle && <span className="txt-compact-small text-ui-fg-subtle">{product.subtitle}</span>}
                </LocalizedClientLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      <LocalizedClientLink href="/store" className="underline txt-compact-medium">
        Browse the whole store
      </LocalizedClientLink>
    </div>
  )
}
