import { actionItemsMap, type Conference, conferencesMap, nextPlanned, readActionItems, readConferences } from '@care/case-doc';
import type { ActionItem } from '@care/schema';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { serverNow } from '../server-clock.ts';

export type ConferenceModel = { conferences: Conference[]; actionItems: ActionItem[]; problems: string[] };

const EMPTY: ConferenceModel = { conferences: [], actionItems: [], problems: [] };

/** The case's conferences and action items as the doc holds them now, validated. */
function readConferenceModel(doc: Y.Doc): ConferenceModel {
  const conferences = readConferences(doc);
  const items = readActionItems(doc);
  return { conferences: conferences.value, actionItems: items.value, problems: [...conferences.problems, ...items.problems] };
}

/** Calls `changed` after each transaction that changes the conferences or action items (once or, changing both, twice); gives the way to stop. */
function observeConferenceModel(doc: Y.Doc, changed: (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void): () => void {
  const conferences = conferencesMap(doc);
  const items = actionItemsMap(doc);
  conferences.observeDeep(changed);
  items.observeDeep(changed);
  return () => {
    conferences.unobserveDeep(changed);
    items.unobserveDeep(changed);
  };
}

/** Told of each change to the model by a transaction: the model before and after it. */
export type ModelChange = (before: ConferenceModel, after: ConferenceModel, transaction: Y.Transaction) => void;

/**
 * The case's conferences and action items, validated, re-read whenever any peer changes them;
 * `changed` hears each change (read once here, for the screen and for whoever listens).
 */
export function useConferenceModel(doc: Y.Doc, changed?: ModelChange): ConferenceModel {
  const [model, setModel] = useState<ConferenceModel>(EMPTY);
  const listener = useRef(changed);
  listener.current = changed;
  useEffect(() => {
    let current = readConferenceModel(doc);
    setModel(current);
    return observeConferenceModel(doc, (_events, transaction) => {
      const before = current;
      current = readConferenceModel(doc);
      setModel(current);
      listener.current?.(before, current, transaction);
    });
  }, [doc]);
  return model;
}

/**
 * What a guest sees of the model: only the conference it was invited to and the action items
 * agreed there (the doc itself holds the whole case: see the README on what guests receive).
 */
export function scopedTo(model: ConferenceModel, conferenceId: string | undefined): ConferenceModel {
  if (conferenceId === undefined) return model;
  return {
    ...model,
    conferences: model.conferences.filter((c) => c.id === conferenceId),
    actionItems: model.actionItems.filter((item) => item.conferenceId === conferenceId),
  };
}

/** The current time by the server's clock, refreshed every `everyMs` (for the running agenda timer). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The conference to show first: the live one, else the next planned (nextPlanned), else the latest. */
export function defaultConference(conferences: Conference[]): Conference | undefined {
  return conferences.find((c) => c.status === 'live') ?? nextPlanned(conferences) ?? conferences[conferences.length - 1];
}
