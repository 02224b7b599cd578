import { isCoordinatorRole, type SessionInfo, type SessionUser } from '@care/schema';
import type { ReactNode } from 'react';
import { PageFromCaseList } from '../ui/PageFromCaseList.tsx';
import { RequireSession } from './session.tsx';

/** Who may use a page that not everyone may (as the server decides it), and what anyone else is told. */
export type PageRule = { may: (user: SessionUser) => boolean; refusal: string };

export const FOR_ACCOUNTS: PageRule = { may: (user) => user.role !== 'guest', refusal: '招待リンクで参加している方は、この画面を使えません。' };
export const FOR_COORDINATORS: PageRule = { may: (user) => isCoordinatorRole(user.role), refusal: 'この画面はコーディネーターだけが使えます。' };
export const FOR_ADMINS: PageRule = { may: (user) => user.role === 'admin', refusal: 'この画面は管理者だけが使えます。' };

/**
 * A page for the signed-in people `rule` lets in. Anyone else is told so once, under the page's
 * heading, without its fields and without asking the server for what it would refuse.
 */
export function RestrictedPage(props: { rule: PageRule; heading: string; children: (info: SessionInfo) => ReactNode }) {
  const { rule, heading, children } = props;
  return (
    <RequireSession>
      {(info) =>
        rule.may(info.user) ? (
          children(info)
        ) : (
          <PageFromCaseList heading={heading}>
            <p role="alert" className="error">
              {rule.refusal}
            </p>
          </PageFromCaseList>
        )
      }
    </RequireSession>
  );
}
