// The README is the client documentation: its ```graphql blocks are the example operations, and its
// "Clients" section links each of them preloaded in GraphiQL. These helpers read both so that the
// tests check the documentation itself, not a copy of it.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(E2E_DIR, '..', 'README.md');
export const OPERATIONS_DIR = join(E2E_DIR, 'operations');
export const DOCUMENTED_BASE = 'http://localhost:8080';

export function readme() {
  return readFileSync(README, 'utf8');
}

/** The body of every ```graphql block of the README, in order. */
export function readmeOperations(text = readme()) {
  return [...text.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The committed operation files that codegen reads, in file-name order. */
export function operationFiles() {
  return readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(OPERATIONS_DIR, file), 'utf8') }));
}

export function operationName(text) {
  return /^\s*query\s+(\w+)/.exec(text)?.[1];
}

// SmallRye's GraphiQL page (render.js) decodes its URL parameters with decodeURIComponent, which
// leaves '+' alone, so spaces must be %20 (encodeURIComponent), not '+' (URLSearchParams). The
// trailing slash matters too: /q/graphql-ui redirects to /q/graphql-ui/ and drops the query string.
// Parentheses are escaped as well so that Markdown renderers cannot end the link early.
export function graphiqlLink(base, query) {
  const encoded = encodeURIComponent(query).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${base}/q/graphql-ui/?query=${encoded}`;
}

/** [text, url] of every GraphiQL link in the README's "Clients" section. */
export function readmeGraphiqlLinks(text = readme()) {
  const section = /^## Clients\n([\s\S]*?)(?=^## )/m.exec(text)?.[1] ?? '';
  return [...section.matchAll(/\[([^\]]+)\]\((https?:\/\/[^)\s]*\/q\/graphql-ui\/\?query=[^)\s]*)\)/g)].map((m) => [m[1], m[2]]);
}

/** The query a GraphiQL link preloads, decoded the way the page decodes it. */
export function preloadedQuery(url) {
  const search = new URL(url).search.slice(1);
  for (const entry of search.split('&')) {
    const eq = entry.indexOf('=');
    if (eq >= 0 && decodeURIComponent(entry.slice(0, eq)) === 'query') {
      return decodeURIComponent(entry.slice(eq + 1));
    }
  }
  return undefined;
}
