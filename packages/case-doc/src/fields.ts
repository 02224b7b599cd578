/**
 * Names of the top-level shared types of a case doc. Server, web and tests reach the doc only
 * through these names (and the helpers in this package), so renaming one is a single change.
 */
export const CaseDocField = {
  /** Rich-text case summary, a Y.XmlFragment bound to Tiptap's Collaboration extension. */
  summary: 'summary',
} as const;
