// Seat statuses as two bits per seat in seat_index order (0 available, 1 held, 2 sold), four seats
// to a byte, base64: 40,000 seats are 10,000 bytes, 13,336 characters. Shared by the route that
// encodes and the seat map that decodes.

export function packStatuses(codes: string): string {
  const bytes = new Uint8Array(Math.ceil(codes.length / 4));
  for (let i = 0; i < codes.length; i++) bytes[i >> 2]! |= (codes.charCodeAt(i) - 48) << ((i & 3) * 2);
  return toBase64(bytes);
}

export function unpackStatuses(packed: string, count: number): Uint8Array {
  const bytes = fromBase64(packed);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = ((bytes[i >> 2] ?? 0) >> ((i & 3) * 2)) & 3;
  return out;
}

// btoa/atob exist in browsers and in Node 16+; chunked so a large array never overflows the
// argument limit of String.fromCharCode.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
