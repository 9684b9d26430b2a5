import { readFileSync } from 'node:fs';
import path from 'node:path';

// Fills in deploy/nginx.conf. Only the ${EDGE_...} names are template values; nginx's own
// variables (lower case) pass through untouched.

export type EdgeConfig = {
  /** The port the edge listens on. */
  port: number;
  /** A directory of the edge's own: cache, temp files, error log. */
  dir: string;
  /** The instances, as host:port. */
  upstreams: string[];
};

export const nginxTemplate = path.resolve(import.meta.dirname, '../../deploy/nginx.conf');

export function renderNginxConf(config: EdgeConfig, template = readFileSync(nginxTemplate, 'utf8')): string {
  if (config.upstreams.length === 0) throw new Error('the edge needs at least one instance');
  const values: Record<string, string> = {
    EDGE_PORT: String(config.port),
    EDGE_DIR: config.dir,
    EDGE_UPSTREAMS: config.upstreams.map((u) => `        server ${u} max_fails=3 fail_timeout=5s;`).join('\n'),
  };
  return template.replace(/\$\{(EDGE_[A-Z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`deploy/nginx.conf names an unknown template value ${name}`);
    return value;
  });
}
