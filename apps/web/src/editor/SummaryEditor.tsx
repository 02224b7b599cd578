import { CaseDocField } from '@care/case-doc';
import { OutlineButton } from './OutlineButton.tsx';
import { RichTextEditor, type RichTextProps } from './RichTextEditor.tsx';

/** The sections a case summary usually has, as a 事例提供シート lays them out. */
const SUMMARY_SECTIONS = ['本人の状況', '本人・家族の意向', '課題', 'これまでの支援', '検討したいこと'];

/** The case summary (ケース概要): the 事例 every conference of the case works on. */
export function SummaryEditor(props: Pick<RichTextProps, 'connection' | 'user' | 'editable'>) {
  return (
    <RichTextEditor
      {...props}
      field={CaseDocField.summary}
      label="ケース概要"
      toolbarLabel="書式"
      placeholder="本人の状況、課題、これまでの支援、今回検討したいことなどを書きます。"
      extra={(editor) => <OutlineButton editor={editor} sections={SUMMARY_SECTIONS} label="見出しのひな形を入れる" />}
    />
  );
}
