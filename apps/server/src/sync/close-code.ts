/** Close codes sent to clients (RFC 6455 and the 4000–4999 application range). */
export const CloseCode = {
  goingAway: 1001,
  invalidData: 1007,
  tooBig: 1009,
  serverError: 1011,
} as const;
