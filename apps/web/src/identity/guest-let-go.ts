import { AccessEndReason, type GuestLetGo } from '@care/schema';

/** What a guest let go is told: at once on its open page (4403), or when its page is opened again later (403 GUEST_LET_GO). */
export const GUEST_LET_GO_TEXT: Record<GuestLetGo, string> = {
  [AccessEndReason.conferenceClosed]: '招待された会議が終了しました。ご参加ありがとうございました。',
  [AccessEndReason.conferenceCancelled]: '招待された会議は中止になりました。日程は会議の主催者にご確認ください。',
  [AccessEndReason.invitationRevoked]: '招待が取り消されました。参加が必要な場合は、会議の主催者にご連絡ください。',
};

/** Written on this device and never received by the server, shown once when the case went from this person (to copy). */
export const UNSENT_SHOWN_ONCE =
  'アクセス権がなくなる前にこの端末で書かれ、サーバーに届かなかった文章です。この端末には残していません。表示はこの画面を閉じるか離れるまでで、もう一度は表示できません。必要なら今コピーして、このケースの担当者に伝えてください。';
