/**
 * The name a distributor shows on their storefront and to their team when they choose none: the
 * first name and the last name's initial ("Emma D."), never the full legal name.
 */
export function publicDisplayName(customer: { first_name?: string | null; last_name?: string | null }): string {
  const first = customer.first_name?.trim() ?? ""
  const initial = customer.last_name?.trim() ? `${Array.from(customer.last_name.trim())[0].toUpperCase()}.` : ""
  return [first, initial].filter(Boolean).join(" ")
}
