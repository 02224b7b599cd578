/** Prints the page as it is shown; the print styles leave out navigation, filters and buttons. */
export function PrintButton() {
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      印刷
    </button>
  );
}
