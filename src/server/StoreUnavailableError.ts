/**
 * A `ProxyStore` call failed or took longer than its timeout. The proxy answers 503 with
 * `Retry-After` instead of guessing: a submit whose idempotency claim cannot be made is never
 * forwarded (it could bill twice), a read whose owner cannot be checked is not relayed.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  /** Which store operation failed (`get`, `add`, `increment`, …). */
  readonly operation: string;

  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = operation;
  }
}
