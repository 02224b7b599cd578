import type { ConferenceRecordList } from '@care/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, inBackground } from '../api.ts';

/** How often the list is read again while a conference's record is being taken. */
const RECORDING_CHECK_MS = 1_500;

/**
 * A case's records as the server lists them, listed again whenever `closedConferences` changes
 * (the conferences the doc shows closed, by anyone) and by `relist`. A conference just closed is
 * recorded a few seconds later: while one is being taken, it looks again until it is there.
 */
export function useRecordList(caseId: string, closedConferences = '') {
  const [list, setList] = useState<ConferenceRecordList>();
  const [error, setError] = useState<string>();
  const asked = useRef(0);

  const relist = useCallback(async () => {
    const ask = ++asked.current; // only the latest answer is shown: an earlier one may come after it
    try {
      const found = await api.listRecords(caseId);
      if (ask === asked.current) setList(found);
    } catch (e) {
      if (ask === asked.current) setError((e as Error).message);
    }
  }, [caseId]);
  useEffect(() => {
    void relist();
  }, [relist, closedConferences]);
  useEffect(() => {
    if (!list?.beingTaken.length) return;
    const timer = setTimeout(() => inBackground(relist), RECORDING_CHECK_MS);
    return () => clearTimeout(timer);
  }, [list, relist]);
  return { list, error, relist };
}
