import { expect, it } from 'vitest';
import { confidentialityPledge } from '../src/conference/confidentiality.ts';

it('joining a 支援会議 names the laws that bind its members to secrecy; other conferences ask the pledge alone', () => {
  expect(confidentialityPledge('個別ケース検討')).toBe('この会議で知り得た個人の情報を、会議の外に漏らしません。');
  expect(confidentialityPledge('支援会議')).toContain('社会福祉法第106条の6、生活困窮者自立支援法第9条');
  expect(confidentialityPledge('支援会議').startsWith(confidentialityPledge('地域課題検討'))).toBe(true);
});
