/**
 * Control characters (NUL, escapes, line breaks) and bidirectional overrides/isolates (which can make
 * a name display as something else, "Trojan Source") have no place in names, handles or reasons.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

export const isSafeText = (value: string) => !UNSAFE_TEXT.test(value)
export const UNSAFE_TEXT_MESSAGE = (field: string) => `${field} must not contain control or bidirectional-override characters`

