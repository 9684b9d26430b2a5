import type { Session } from './store';

// The hosted checkout page: plain HTML, no script, so it works in any browser the tests drive.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const money = (minor: number, currency: string) => {
  const code = currency.toUpperCase();
  const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
  return formatter.format(minor / 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2));
};

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f7;color:#1a1a2e}
main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1.5rem;width:100%;padding:.75rem;font-size:1rem;background:#4338ca;color:#fff;border:0;border-radius:6px}
.error{background:#fee2e2;border:1px solid #b91c1c;padding:.75rem;border-radius:6px}table{width:100%}td.num{text-align:right}
.note{color:#555;font-size:.875rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

export function checkoutPage(session: Session, error?: string, values: { email?: string } = {}): string {
  if (session.status !== 'open') {
    const text = session.status === 'complete' ? 'This payment is already complete.' : 'This checkout session has expired.';
    const back = session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Back to the shop</a></p>` : '';
    return layout('Checkout', `<h1>${text}</h1>${back}`);
  }
  const rows = session.line_items
    .map(
      (i) =>
        `<tr><td>${escape(i.name)}${i.quantity > 1 ? ` × ${i.quantity}` : ''}</td><td class="num">${money(i.unit_amount * i.quantity, session.currency)}</td></tr>`,
    )
    .join('');
  const total = money(session.amount_total, session.currency);
  const alert = error ? `<div class="error" role="alert" id="card-error">${escape(error)}</div>` : '';
  const email = values.email ?? session.customer_email ?? '';
  return layout(
    'Checkout',
    `<h1>Pay ${total}</h1>
<p class="note">Local Stripe stand-in (test mode). Card 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined.</p>
<table><tbody>${rows}</tbody><tfoot><tr><th scope="row">Total</th><td class="num">${total}</td></tr></tfoot></table>
${alert}
<form method="post" action="/checkout/${session.id}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${escape(email)}">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required${error ? ' aria-describedby="card-error" aria-invalid="true"' : ''}>
<label for="expiry">Expiry (MM / YY)</label><input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM / YY" required>
<label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required>
<button type="submit">Pay ${total}</button>
</form>
${session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
  );
}

export type CardCheck = { ok: true } | { ok: false; message: string };

/** Stripe's test cards: the two the app's docs and tests use. */
export function checkCard(card: string, expiry: string): CardCheck {
  const digits = card.replace(/[\s-]/g, '');
  const exp = /^(\d{2})\s*\/\s*(\d{2})$/.exec(expiry.trim());
  if (!exp || Number(exp[1]) < 1 || Number(exp[1]) > 12) return { ok: false, message: 'Your card’s expiration date is incomplete.' };
  const expiresEnd = new Date(Date.UTC(2000 + Number(exp[2]), Number(exp[1]), 1));
  if (expiresEnd.getTime() <= Date.now()) return { ok: false, message: 'Your card’s expiration year is in the past.' };
  if (digits === '4242424242424242') return { ok: true };
  if (digits === '4000000000000002') return { ok: false, message: 'Your card was declined. Try a different card.' };
  return { ok: false, message: 'Your card number is invalid. In test mode use 4242 4242 4242 4242.' };
}
