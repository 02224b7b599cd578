/** A table's header row from its column names (on a phone, the same names label each cell: see .table--cards). */
export function ColumnHeads({ names }: { names: Readonly<Record<string, string>> }) {
  return (
    <thead>
      <tr>
        {Object.values(names).map((name) => (
          <th key={name}>{name}</th>
        ))}
      </tr>
    </thead>
  );
}
