/** Milliseconds since the epoch; injected so signature windows and timestamps are testable. */
export type Now = () => number;

export const systemNow: Now = () => Date.now();
