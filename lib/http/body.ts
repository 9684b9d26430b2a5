import { AppError } from '@/lib/errors';

/** JSON bodies of the API are a few ids and numbers; anything near this is not ours. */
export const maxJsonBytes = 64 * 1024;

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The request body is larger than ${Math.floor(maxBytes / 1024)} KB.`);
}

/**
 * The body as text, refused with 413 before it is read in full when it is too large: at once by
 * its Content-Length, or as soon as a chunked body passes the limit.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw bodyTooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}
