"use client"

import { saveMySite } from "@lib/data/mlm"
import { Button } from "@modules/common/components/ui"
import Input from "@modules/common/components/input"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { useSubmit } from "@modules/mlm/hooks/use-submit"
import type { OwnStorefrontView } from "medusa-plugin-mlm/storefront"
import { useState } from "react"

/** How many products a page features (the plugin's limit). */
const MAX_FEATURED = 8

/** "Your page": the distributor edits what their replicated site shows: photo, bio, how to reach them and up to 8 featured products. */
export default function SiteEditor({ site, handle, products }: { site: OwnStorefrontView; handle: string; products: { id: string; title: string }[] }) {
  const [state, save, saving] = useSubmit(saveMySite, "Saving your page failed")
  const [featured, setFeatured] = useState<string[]>(site.featured_product_ids)
  const toggle = (id: string, on: boolean) => setFeatured((f) => (on ? [...f, id] : f.filter((x) => x !== id)))
  const [photo, setPhoto] = useState<{ url: string | null; error: string | null; uploading: boolean }>({ url: site.avatar_url, error: null, uploading: false })

  const upload = async (file: File | undefined) => {
    if (!file) return
    setPhoto((p) => ({ ...p, error: null, uploading: true }))
    const form = new FormData()
    form.append("photo", file)
    const res = await fetch("/api/mlm/photo", { method: "POST", body: form })
    const answer = await res.json().catch(() => ({}))
    setPhoto((p) => (res.ok ? { url: answer.avatar_url, error: null, uploading: false } : { ...p, error: answer.message || "The upload failed", uploading: false }))
  }

  return (
    <div className="flex flex-col gap-y-6" data-testid="site-editor">
      <div className="flex items-center gap-x-6">
        {photo.url ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={photo.url} alt="Your photo" className="h-20 w-20 rounded-full object-cover" data-testid="site-photo" />
        ) : (
          <div className="h-20 w-20 rounded-full bg-ui-bg-subtle" />
        )}
        <label className="flex flex-col gap-y-1 txt-compact-small">
          <span>Photo (JPEG, PNG or WebP, up to 2 MB)</span>
          <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => upload(e.target.files?.[0])} disabled={photo.uploading} data-testid="site-photo-input" />
          {photo.uploading && <span className="text-ui-fg-subtle">Uploading…</span>}
          {photo.error && (
            <span className="text-rose-600" data-testid="site-photo-error">
              {photo.error}
            </span>
          )}
        </label>
      </div>
      <form
        // submitted by hand, not through the action prop: React resets a form after its action, which would
        // untick the featured boxes on screen while the state still holds them
        onSubmit={save}
        className="flex flex-col gap-y-3 max-w-xl"
      >
        <label className="flex flex-col gap-y-1 txt-compact-small">
          <span>About you (shown on your page, up to 500 characters)</span>
          <textarea name="bio" defaultValue={site.bio ?? ""} maxLength={500} rows={4} className="rounded-md border border-ui-border-base p-2 txt-medium" data-testid="site-bio-input" />
        </label>
        <Input label="E-mail shown to your customers (optional)" name="contact_email" type="email" defaultValue={site.contact?.email ?? ""} data-testid="site-email-input" />
        <Input label="Phone shown to your customers (optional)" name="contact_phone" defaultValue={site.contact?.phone ?? ""} data-testid="site-phone-input" />
        <fieldset className="flex flex-col gap-y-1 txt-compact-small" data-testid="site-featured">
          <legend className="mb-1">Products you feature on your page (up to {MAX_FEATURED}, in the order you pick them)</legend>
          {featured.map((id) => (
            <input key={id} type="hidden" name="featured_product_ids" value={id} />
          ))}
          {products.map((product) => {
            const on = featured.includes(product.id)
            return (
              <label key={product.id} className="flex items-center gap-x-2">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && featured.length >= MAX_FEATURED}
                  onChange={(e) => toggle(product.id, e.target.checked)}
                  data-testid="site-featured-option"
                  data-product={product.title}
                />
                {product.title}
              </label>
            )
          })}
        </fieldset>
        <div className="flex items-center gap-x-4">
          <Button type="submit" isLoading={saving} data-testid="site-save-button">
            Save your page
          </Button>
          <LocalizedClientLink href={`/with/${handle}`} className="underline txt-compact-small" data-testid="site-view-link">
            See your page
          </LocalizedClientLink>
        </div>
        {state.done && !state.error && (
          <p className="txt-compact-small text-green-700" data-testid="site-saved">
            Saved: your page shows it now.
          </p>
        )}
        {state.error && (
          <p className="text-rose-600 txt-compact-small" data-testid="site-error">
            {state.error}
          </p>
        )}
      </form>
    </div>
  )
}
