/** Time as the core sees it. Injected so tests never wait on the wall clock. */
export type Clock = { now(): number };
export type Sleep = (ms: number) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
