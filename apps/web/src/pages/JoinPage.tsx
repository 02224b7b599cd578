import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiCallError } from '../api.ts';
import { attemptFailure } from '../identity/attempt-failure.ts';
import { DEAD_INVITATION_LINK } from '../identity/invited-browser.ts';
import { useSession } from '../identity/session.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';

/** Why the link did not let its guest in; `again` when trying again may (the server was not reached, or asks to wait). */
type Failure = { text: string; again: boolean };

const UNREACHED = '招待を確認できませんでした（サーバーに接続できません）。接続を確かめて、もう一度お試しください。';

/**
 * A refusal of the link itself says the link is dead; no answer, a server error or too many tries
 * from this address say so, to try again (the secret is gone from the address bar: a reload cannot).
 */
function failureOf(error: unknown): Failure {
  const status = error instanceof ApiCallError ? error.status : 0;
  if (status === 0 || status >= 500) return { text: UNREACHED, again: true };
  if (status === 429) return { text: attemptFailure(error, DEAD_INVITATION_LINK), again: true };
  return { text: DEAD_INVITATION_LINK, again: false };
}

/** Where an invitation link lands: the secret is in the fragment (#…), which never reaches a server log. */
export function JoinPage() {
  const { acceptInvitation } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<Failure>();
  const [tries, setTries] = useState(1);
  const [token] = useState(() => location.hash.slice(1));

  useEffect(() => {
    history.replaceState(null, '', location.pathname); // keep the secret out of the history
    acceptInvitation(token).then(
      (info) => navigate(`/cases/${info.user.caseId}`, { replace: true }),
      (error: unknown) => setFailure(failureOf(error)),
    );
  }, [token, tries, acceptInvitation, navigate]);

  return (
    <main className="page">
      <h1>ケア会議ワークスペース</h1>
      {failure ? <ErrorMessage text={failure.text} /> : <p>招待を確認しています…</p>}
      {failure?.again && (
        <button type="button" onClick={() => (setFailure(undefined), setTries(tries + 1))}>
          もう一度試す
        </button>
      )}
    </main>
  );
}
