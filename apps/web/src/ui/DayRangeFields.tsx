/** The first and last calendar day (YYYY-MM-DD, inclusive) of a filter; see japanDaySpan for the instants they cover. */
export type DayRange = { firstDay?: string; lastDay?: string };

export function DayRangeFields({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }) {
  const day = (key: keyof DayRange) => ({
    type: 'date',
    value: value[key] ?? '',
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value || undefined }),
  });
  return (
    <>
      <label>
        開始日
        <input {...day('firstDay')} />
      </label>
      <label>
        終了日
        <input {...day('lastDay')} />
      </label>
    </>
  );
}
