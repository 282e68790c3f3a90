// Runs graphql-http's serverAudits against a running server and prints every result.
// Usage: node audit.mjs http://127.0.0.1:PORT/graphql   (or AUDIT_URL=...)
// Exits 1 when any MUST audit fails (status "error"); SHOULD failures are warnings, MAY failures notices.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.AUDIT_URL;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

// A hung request must fail the audit run, not stall CI.
const fetchFn = (input, init = {}) => fetch(input, { ...init, signal: AbortSignal.timeout(15_000) });

const levels = ['MUST', 'SHOULD', 'MAY'];
const tally = Object.fromEntries(levels.map((l) => [l, { ok: 0, total: 0 }]));
const counts = { ok: 0, warn: 0, error: 0, notice: 0 };

for (const { fn } of serverAudits({ url, fetchFn })) {
  const result = await fn();
  const level = levels.find((l) => result.name.startsWith(l));
  tally[level].total++;
  counts[result.status]++;
  if (result.status === 'ok') {
    tally[level].ok++;
    console.log(`ok      ${result.id} ${result.name}`);
    continue;
  }
  let body = '';
  try {
    body = (await result.response.text()).slice(0, 300);
  } catch {
    body = '<body already read>';
  }
  console.log(`${result.status.padEnd(7)} ${result.id} ${result.name}`);
  console.log(`        reason: ${result.reason}; got ${result.response.status} ${result.response.headers.get('content-type') ?? ''} ${body}`);
}

const byLevel = levels.map((l) => `${l} ${tally[l].ok}/${tally[l].total}`).join(', ');
console.log(
  `graphql-http audit: passed ${counts.ok}, warnings ${counts.warn}, failures ${counts.error}, notices ${counts.notice} (${byLevel})`,
);
process.exit(counts.error > 0 ? 1 : 0);
