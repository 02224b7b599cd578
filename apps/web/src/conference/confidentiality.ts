import type { ConferenceKind } from '@care/schema';

/**
 * What joining a conference (or 守秘義務を確認) confirms, as 地域ケア会議 ask of every participant;
 * for a 支援会議, with the laws that bind its members to secrecy.
 */
export function confidentialityPledge(kind: ConferenceKind): string {
  const pledge = 'この会議で知り得た個人の情報を、会議の外に漏らしません。';
  return kind === '支援会議' ? `${pledge}支援会議の構成員には法律上の守秘義務があります（社会福祉法第106条の6、生活困窮者自立支援法第9条）。` : pledge;
}
