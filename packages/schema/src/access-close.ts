/**
 * How the server ends a case connection when access ends: websocket close codes of the
 * application's range (y-websocket clients stop reconnecting on 4400–4499 and reconnect on
 * others), and the reasons the web app words apart from the rest of their code.
 */
export const AccessCloseCode = {
  /** Signed out, or the session, account or invitation ended: sign in (or open the invitation) again. */
  sessionEnded: 4401,
  /** This person may no longer open this case. */
  accessRevoked: 4403,
  /** Access changed (e.g. edit → read): reconnect to get the new access. */
  accessChanged: 4010,
  /**
   * Refused: this person (an account, or a guest's session) already has CONNECTIONS_PER_PERSON case
   * connections open on this server process. Reconnecting would be refused again: the page says
   * so, and keeps what was typed for when it is opened again.
   */
  tooManyConnections: 4429,
} as const;

export const AccessEndReason = {
  /** 4403 to a guest: the conference it was invited to has closed. */
  conferenceClosed: 'the conference has closed',
  /** 4403 to a guest: the conference it was invited to was called off (中止). */
  conferenceCancelled: 'the conference was cancelled',
  /** 4403 to a guest: its invitation was revoked (by the case's coordinator). */
  invitationRevoked: 'invitation revoked',
  /** 4403 to a guest: its case was closed (ケース終結); reopening it lets the guest in again. */
  caseClosed: 'the case was closed',
  /** 4401 to a guest: its invitation expired before its session's own time limit. */
  invitationExpired: 'invitation expired',
  /**
   * 4401: the account, or its agency, was disabled by an administrator. Its holder cannot sign in
   * again to send what this browser kept, so the browser deletes its copies of the cases.
   */
  accountDisabled: 'account disabled',
  /** 4401: this session was signed out (in another tab of this browser): its kept copies went with it. */
  signedOut: 'signed out',
} as const;

/** ApiError.error (403) of a guest's request to its case while the case is closed (終結). */
export const CASE_CLOSED_TO_GUEST = 'case_closed';

/**
 * What a guest is told when its case is closed, live (4403 AccessEndReason.caseClosed) or on
 * opening it again (403 CASE_CLOSED_TO_GUEST): often a family member, told in plain words what
 * happened, not that an access right was taken away.
 */
export const CASE_CLOSED_GUEST_TEXT =
  'このケースの支援は一区切りとなりました（ケース終結）。そのため、予定していた会議は行われず、この画面もご覧いただけなくなりました。ご不明な点は、会議の主催者にお尋ねください。';

/** RFC 6455 close codes the server sends (the application's own are AccessCloseCode). */
export const CloseCode = {
  goingAway: 1001,
  invalidData: 1007,
  /** A message larger than the server takes (MAX_MESSAGE_BYTES): sent again, it is refused again. */
  tooBig: 1009,
  /** A connection that asks again for what it has not read (the whole case, everyone's presence): a page never does, and reconnects. */
  notReading: 1008,
  serverError: 1011,
} as const;
