import type { AuditAction } from '@care/schema';

/** What an audit entry says happened, in words for coordinators. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  open: '閲覧',
  edit: '編集',
  export: '出力',
  'view-record': '記録の閲覧',
  'view-action-items': '対応事項一覧での閲覧',
  grant: '権限付与',
  revoke: '権限取消',
  close: 'ケース終結',
  reopen: '終結の取消',
};
