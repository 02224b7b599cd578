/** Leaves a form without saving: worded apart from 取り消す, which revokes access. */
export function CancelButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      キャンセル
    </button>
  );
}
