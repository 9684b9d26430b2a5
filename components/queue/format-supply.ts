// Seats left as a fan in a queue reads them: exact when few, rounded when many ("about 1,200"),
// since the count moves with every hold and an exact big number would claim a precision it lacks.
export function formatTicketsLeft(left: number, held: number): string {
  if (left === 0) {
    return held === 0
      ? 'No tickets are left.'
      : `No tickets are free right now: ${held.toLocaleString('en')} are in other fans' holds and come back if those lapse.`;
  }
  const count = left <= 20 ? `${left}` : `about ${roundTwoFigures(left).toLocaleString('en')}`;
  return `${count.charAt(0).toUpperCase()}${count.slice(1)} ticket${left === 1 ? '' : 's'} left.`;
}

function roundTwoFigures(n: number): number {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}
