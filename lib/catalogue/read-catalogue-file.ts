import { catalogueFileSchema, type CatalogueFile } from './import-schema';
import { JsonSyntaxError, parseJsonWithLines, type JsonPath } from './json-with-lines';

export type LineError = { line: number; path: string; message: string };

export type ReadCatalogue = { ok: true; file: CatalogueFile; lineOf: (path: JsonPath) => number } | { ok: false; errors: LineError[] };

export const pathText = (path: JsonPath) =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');

/** Parses and checks the whole file, reporting every problem with the line it is on. */
export function readCatalogueFile(text: string): ReadCatalogue {
  let parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return { ok: false, errors: [{ line: error.line, path: '', message: `not valid JSON: ${error.message} (column ${error.column})` }] };
    throw error;
  }
  const result = catalogueFileSchema.safeParse(parsed.value);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      // An unknown key is reported on its object; point at the key itself.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const line = keys.length ? parsed.lineOf([...path, keys[0]!]) : parsed.lineOf(path);
      return { line, path: pathText(path), message: issue.message };
    });
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  }
  return { ok: true, file: result.data, lineOf: parsed.lineOf };
}
