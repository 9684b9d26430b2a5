import type { estypes } from '@elastic/elasticsearch';

// The Elasticsearch index: the same fields as the Postgres document. asciifolding is what
// unaccent is there ("beyonce" finds "Beyoncé"); the keyword sub-fields serve exact filters,
// suggestions and sorting.

export const indexSettings: estypes.IndicesIndexSettings = {
  analysis: {
    analyzer: { folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] } },
    normalizer: { folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] } },
  },
};

const text: estypes.MappingProperty = { type: 'text', analyzer: 'folded' };
const textWithKeyword: estypes.MappingProperty = {
  type: 'text',
  analyzer: 'folded',
  fields: { keyword: { type: 'keyword', normalizer: 'folded' } },
};

export const indexMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    name: textWithKeyword,
    description: text,
    date: { type: 'date' },
    local_day: { type: 'date', format: 'yyyy-MM-dd' },
    city: textWithKeyword,
    category: { type: 'keyword', normalizer: 'folded' },
    performer: { properties: { id: { type: 'keyword' }, name: { ...textWithKeyword, fields: { keyword: { type: 'keyword' } } } } },
    venue: {
      properties: {
        id: { type: 'keyword' },
        name: text,
        timezone: { type: 'keyword', index: false },
      },
    },
  },
};

// Field tiers and their points, as in the Postgres driver: performer, event name, venue and city,
// description. Each word scores by the best tier it matched.
export const fieldTiers: Array<{ fields: string[]; points: number }> = [
  { fields: ['performer.name'], points: 8 },
  { fields: ['name'], points: 4 },
  { fields: ['venue.name', 'city'], points: 2 },
  { fields: ['description'], points: 1 },
];
