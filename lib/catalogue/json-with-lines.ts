// JSON.parse, plus the line each value starts on, so an import can say "line 42: ..." about any
// field a validator complains of. Strict JSON (RFC 8259): no comments, no trailing commas.

export type JsonPath = ReadonlyArray<string | number>;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export type ParsedJson = {
  value: unknown;
  /** The line (from 1) where the value at `path` starts, or its nearest ancestor's. */
  lineOf(path: JsonPath): number;
};

export function parseJsonWithLines(text: string): ParsedJson {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, line, i - lineStart + 1);
  };
  const skipSpace = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = ++i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else return;
    }
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail(text[i] === undefined ? `expected "${c}" but the file ended` : `expected "${c}" but found "${text[i]}"`);
    i++;
  };

  const parseValue = (path: JsonPath): unknown => {
    skipSpace();
    lines.set(JSON.stringify(path), line);
    const c = text[i];
    if (c === '{') return parseObject(path);
    if (c === '[') return parseArray(path);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(c === undefined ? 'the file ended where a value was expected' : `unexpected "${c}"`);
  };

  const parseObject = (path: JsonPath) => {
    const out: Record<string, unknown> = {};
    expect('{');
    skipSpace();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      const key = parseString();
      if (Object.hasOwn(out, key)) fail(`"${key}" appears twice in one object`);
      skipSpace();
      expect(':');
      out[key] = parseValue([...path, key]);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect('}');
      return out;
    }
  };

  const parseArray = (path: JsonPath) => {
    const out: unknown[] = [];
    expect('[');
    skipSpace();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(parseValue([...path, out.length]));
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect(']');
      return out;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('a string is not closed on its line');
      if (c === '"') break;
      i += c === '\\' ? 2 : 1;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('a string has an invalid escape');
    }
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!match) return fail('not a valid number');
    i += match[0].length;
    return Number(match[0]);
  };

  const value = parseValue([]);
  skipSpace();
  if (i < text.length) fail('unexpected text after the end of the JSON');

  return {
    value,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(JSON.stringify(path.slice(0, n)));
        if (found !== undefined) return found;
      }
      return 1;
    },
  };
}
