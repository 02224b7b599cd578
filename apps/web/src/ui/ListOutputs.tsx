import { useOneAtATime } from './one-at-a-time.ts';

/**
 * A list's ways out of the app, for a meeting's papers: printed as shown (the print styles leave
 * out navigation, filters and buttons), or all of it as a CSV file for Excel. A failed export is
 * handed to `onError`.
 */
export function ListOutputs({ exportFile, onError }: { exportFile: () => Promise<void>; onError: (message: string) => void }) {
  const exporting = useOneAtATime(); // a second click before the file comes would save it twice
  return (
    <>
      <button type="button" className="secondary" onClick={() => window.print()}>
        印刷
      </button>
      <button type="button" className="secondary" disabled={exporting.pending} onClick={() => exporting.run(exportFile).catch((e: Error) => onError(e.message))}>
        すべてをCSVで出力
      </button>
    </>
  );
}
