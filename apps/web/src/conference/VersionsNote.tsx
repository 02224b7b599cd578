type Props<V> = {
  /** The field's name (ACTION_ITEM_LABELS). */
  label: string;
  /** Its versions (versionsOf). */
  versions: readonly V[];
  /** How the field is settled, for one shown side by side (text, written again). */
  settle?: string;
  /** Offered where the field may be changed, for one that shows a single value: keeping one version. */
  choose?: { show: (version: NoInfer<V>) => string; onChoose: (version: NoInfer<V>) => void };
};

/**
 * Says that a field of an item holds several versions, written by people who had not seen each
 * other's (one of them offline), all kept; nothing when it holds one.
 */
export function VersionsNote<V>({ label, versions, settle, choose }: Props<V>) {
  if (versions.length < 2) return null;
  return (
    <div role="status" className="progress-conflict">
      {label}が{versions.length}通り書かれています。互いの書き込みを見ないまま（オフライン中などに）書かれたため、どれも残しています。
      {choose ? 'どれにするか選ぶと1つになります。' : settle}
      {choose &&
        versions.map((version) => (
          <button key={choose.show(version)} type="button" className="secondary" onClick={() => choose.onChoose(version)}>
            {label}を{choose.show(version)}にする
          </button>
        ))}
    </div>
  );
}
