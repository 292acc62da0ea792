// Global IDs are base64 of "Type:id": telling one apart from a slug before a request is sent.

/** Whether `value` is a global ID of an object of `typename`. */
export function isGlobalIdOf(value: string | null | undefined, typename: string): value is string {
  if (!value) return false;
  try {
    return new RegExp(`^${typename}:\\d+$`).test(atob(value));
  } catch {
    return false;
  }
}
