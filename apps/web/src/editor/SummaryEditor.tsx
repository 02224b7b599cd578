import { CaseDocField } from '@care/case-doc';
import type { RichTextProps } from './RichTextEditor.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';
import { SummaryOutlineButton } from './SummaryOutline.tsx';

/** The case summary (ケース概要): the 事例 every conference of the case works on. */
export function SummaryEditor(props: Pick<RichTextProps, 'connection' | 'user' | 'editable'>) {
  return (
    <RichTextEditor
      {...props}
      field={CaseDocField.summary}
      label="ケース概要"
      toolbarLabel="書式"
      placeholder="本人の状況、課題、これまでの支援、今回検討したいことなどを書きます。"
      extra={(editor) => <SummaryOutlineButton editor={editor} />}
    />
  );
}
