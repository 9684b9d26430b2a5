/** A list field in a form: absent means empty, one checked box arrives as a lone string. */
export function toList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
