/**
 * The caller's address from a handler's second argument, when the host put one there
 * (`toNodeHandler` does). Frameworks pass their own context (Next.js: `{ params }`) or nothing,
 * so the argument is inspected rather than trusted.
 */
export function clientAddressOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const address = (context as { clientAddress?: unknown }).clientAddress;
  return typeof address === 'string' && address !== '' ? address : undefined;
}
