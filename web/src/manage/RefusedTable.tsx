/** The records an import refused: where in the upload, and what is wrong there. */
export function RefusedTable({ rows }: { rows: { where: string; message: string }[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="table compact">
      <caption>Refused ({rows.length})</caption>
      <thead>
        <tr>
          <th scope="col">Where</th>
          <th scope="col">What is wrong</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.where}</td>
            <td>{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
