// Parses the form bodies the stripe SDK sends: nested keys in brackets, as `qs` writes them
// (`line_items[0][price_data][unit_amount]=5000`, `metadata[bookingId]=...`). Numeric segments
// make arrays, so the result has the same shape as the JSON the SDK was given.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((part, i) => i === 0 || part !== '');
    let node: Record<string, FormValue> | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const last = i === path.length - 1;
      const slot = Array.isArray(node) ? Number(part) : part;
      if (last) {
        (node as Record<string | number, FormValue>)[slot] = value;
        break;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      const existing = (node as Record<string | number, FormValue | undefined>)[slot];
      const child = existing && typeof existing === 'object' ? existing : nextIsIndex ? [] : {};
      (node as Record<string | number, FormValue>)[slot] = child;
      node = child as Record<string, FormValue> | FormValue[];
    }
  }
  return root;
}

export const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: FormValue | undefined): FormObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
export const list = (v: FormValue | undefined): FormValue[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []);
