/** Keyboard shortcuts as a two-column table: the keys, then what they do. */
export function KeysTable({ rows }: { rows: readonly (readonly [keys: string, what: string])[] }) {
  return (
    <table className="keys">
      <tbody>
        {rows.map(([keys, what]) => (
          <tr key={`${keys} ${what}`}>
            <th scope="row">
              <kbd>{keys}</kbd>
            </th>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
