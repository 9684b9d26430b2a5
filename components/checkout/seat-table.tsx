import { formatMoney } from '@/lib/money';

type Seat = { id: string; section: string; row: string; number: number; price: number };

/** The seats of a hold or a booking with their all-in prices and a total line. */
export function SeatTable({
  tickets,
  currency,
  total,
  totalLabel,
}: {
  tickets: Seat[];
  currency: string;
  total: number;
  totalLabel: string;
}) {
  return (
    <section className="card" aria-labelledby="seats-heading">
      <h2 id="seats-heading">{tickets.length === 1 ? '1 seat' : `${tickets.length} seats`}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Row</th>
            <th scope="col">Seat</th>
            <th scope="col" className="num">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((t) => (
            <tr key={t.id}>
              <td>{t.section}</td>
              <td>{t.row}</td>
              <td>{t.number}</td>
              <td className="num">{formatMoney(t.price, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {totalLabel}
            </th>
            <td className="num">{formatMoney(total, currency)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
