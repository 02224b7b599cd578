/** Links to minutes: shown by the browser (to print, or save as PDF), or downloaded as Markdown. */
export function MinutesLinks({ href, name }: { href: (format: 'html' | 'md') => string; name: string }) {
  return (
    <>
      <a className="button" href={href('html')} target="_blank" rel="noreferrer">
        {name}を表示・印刷（PDF）
      </a>
      <a className="button" href={href('md')} download>
        {name}をダウンロード（Markdown）
      </a>
    </>
  );
}
