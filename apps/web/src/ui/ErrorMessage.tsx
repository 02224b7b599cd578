/** A failure to tell the user about, read out by screen readers as it appears; nothing when there is none. */
export function ErrorMessage({ text, inline = false }: { text: string | undefined; inline?: boolean }) {
  if (!text) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag role="alert" className="error">
      {text}
    </Tag>
  );
}
