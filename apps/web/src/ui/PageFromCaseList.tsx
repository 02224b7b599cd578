import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A page reached from the case list: the way back to it, the page's heading, and its content. */
export function PageFromCaseList({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <main className="page">
      <nav>
        <Link to="/">← ケース一覧</Link>
      </nav>
      <h1>{heading}</h1>
      {children}
    </main>
  );
}
