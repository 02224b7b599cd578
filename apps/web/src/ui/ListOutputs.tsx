import { useEffect, useRef } from 'react';
import { useOneAtATime } from './one-at-a-time.ts';

/**
 * A list's ways out of the app, for a meeting's papers: printed as shown (the print styles leave
 * out navigation, filters and buttons), or all of it as a CSV file for Excel. Either is recorded
 * in the trail of each case on it, as paper or a file leaving the app: 印刷 once that is done
 * (not printing when it cannot be), the browser's own print as it begins (it does not wait). A
 * failed export or record is handed to `onError`.
 */
export function ListOutputs(props: { exportFile: () => Promise<void>; recordPrinted: () => Promise<unknown>; onError: (message: string) => void }) {
  const { exportFile, recordPrinted, onError } = props;
  const exporting = useOneAtATime(); // a second click before the file comes would save it twice
  /** Printing through 印刷, already recorded. */
  const printingRecorded = useRef(false);
  useEffect(() => {
    const recordBrowserPrint = () => {
      if (!printingRecorded.current) recordPrinted().catch((e: Error) => onError(e.message));
    };
    window.addEventListener('beforeprint', recordBrowserPrint);
    return () => window.removeEventListener('beforeprint', recordBrowserPrint);
  }, [recordPrinted, onError]);

  async function print() {
    await recordPrinted();
    printingRecorded.current = true;
    try {
      window.print();
    } finally {
      printingRecorded.current = false;
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => print().catch((e: Error) => onError(e.message))}>
        印刷
      </button>
      <button type="button" className="secondary" disabled={exporting.pending} onClick={() => exporting.run(exportFile).catch((e: Error) => onError(e.message))}>
        すべてをCSVで出力
      </button>
    </>
  );
}
