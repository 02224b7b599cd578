/** RFC 6455 close codes sent to clients (the application's own, 4000–4999, are AccessCloseCode in @care/schema). */
export const CloseCode = {
  goingAway: 1001,
  invalidData: 1007,
  tooBig: 1009,
  serverError: 1011,
} as const;
