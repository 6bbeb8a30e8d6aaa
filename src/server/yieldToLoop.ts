/**
 * Lets the event loop run other work (timers, sockets, other requests) before going on, so a long
 * job over a big body is many short blocks instead of one long one. `setImmediate` where the
 * runtime has it (Node, Bun), else a zero timeout.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
