import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../identity/session.tsx';
import { wayBack } from '../identity/way-back.ts';

/** A page reached from the case list: the way back to it (a guest's: to their case), the page's heading, and its content. */
export function PageFromCaseList({ heading, children }: { heading: string; children: ReactNode }) {
  const session = useSession();
  const back = wayBack(session.status === 'signed-in' ? session.info.user : undefined);
  return (
    <main className="page">
      <nav>
        <Link to={back.to}>{back.label}</Link>
      </nav>
      <h1>{heading}</h1>
      {children}
    </main>
  );
}
