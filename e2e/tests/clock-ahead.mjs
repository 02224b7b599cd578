// Loaded into a server process before its code (NODE_OPTIONS=--import): its clock runs
// CARE_TEST_CLOCK_AHEAD_MS ahead of this machine's, so a test can run the real server at a time
// of day it chooses (just after midnight in Japan). Only Date moves; timers run as they do.
const aheadMs = Number(process.env.CARE_TEST_CLOCK_AHEAD_MS ?? 0);
const RealDate = globalThis.Date;
const now = () => RealDate.now() + aheadMs;

globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  apply: () => new RealDate(now()).toString(),
  get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
});
