// Two instances on one database: subscribes on instance B with the graphql-ws client (protocol
// graphql-transport-ws), writes through instance A (a mutation) and through psql (a statement), and
// expects both events on B. Fails after a timeout; never sleeps to synchronise.
//   node check.mjs <A base URL> <B base URL>
// Environment: TOKEN (editor JWT for A), PSQL_STATEMENT (a shell command that inserts one statement
// into dialogue 1 and prints its id).
import { execSync } from 'node:child_process';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { subscriptionsAttached } from './attached.mjs';

const [baseA, baseB] = process.argv.slice(2);
const TIMEOUT_MS = 20000;
const COMMITMENT = Buffer.from('Commitment:4').toString('base64url');
const DIALOGUE = Buffer.from('Dialogue:1').toString('base64url');

/** The promise's value, or an error once TIMEOUT_MS have passed. */
async function within(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Subscribes on B and resolves with the first event's data. */
function first(client, query, variables) {
  return new Promise((resolve, reject) => {
    const dispose = client.subscribe({ query, variables }, {
      next: (result) => {
        dispose();
        if (result.errors) reject(new Error(JSON.stringify(result.errors)));
        else resolve(result.data);
      },
      error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
      complete: () => {},
    });
  });
}

const client = createClient({ url: baseB.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, lazy: false });
try {
  // 1. A status change written through instance A reaches a subscriber of instance B.
  const statusEvent = first(client,
    `subscription WatchLiaison($filter: CommitmentStatusChangedFilter) {
       commitmentStatusChanged(filter: $filter) {
         commitment { id title status parties { party { ... on Nation { code } } } }
         statusChange { id status asOf note }
       }
     }`,
    { filter: { commitment: [COMMITMENT], nation: ['IN', 'US'] } });
  const statementEvent = first(client,
    'subscription WatchDialogue($dialogue: ID!) { statementAdded(dialogueId: $dialogue) { id text dialogue { id } } }',
    { dialogue: DIALOGUE });
  await subscriptionsAttached(baseB, 2, TIMEOUT_MS);
  const response = await fetch(`${baseA}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.TOKEN}` },
    body: JSON.stringify({
      query: `mutation Update($input: UpdateCommitmentStatusInput!) {
        updateCommitmentStatus(input: $input) { statusChange { id } }
      }`,
      variables: { input: {
        commitmentId: COMMITMENT, status: 'AGREED', asOf: '2024-02-01', note: 'Posted through instance A',
        evidence: { statementId: Buffer.from('Statement:15').toString('base64url') },
      } },
    }),
  });
  const written = await response.json();
  if (written.errors) throw new Error(`mutation on A failed: ${JSON.stringify(written.errors)}`);
  const status = await within(statusEvent, 'commitmentStatusChanged on B');
  const change = status.commitmentStatusChanged;
  if (change.statusChange.id !== written.data.updateCommitmentStatus.statusChange.id
      || change.statusChange.status !== 'AGREED' || change.commitment.status !== 'AGREED'
      || change.statusChange.note !== 'Posted through instance A') {
    throw new Error(`unexpected event: ${JSON.stringify(status)}`);
  }
  console.log(`commitmentStatusChanged: B received ${change.statusChange.id}, written through A`);

  // 2. A statement inserted with psql (no instance involved) reaches B's statementAdded subscriber.
  const key = execSync(process.env.PSQL_STATEMENT, { encoding: 'utf8' }).trim();
  const added = (await within(statementEvent, 'statementAdded on B')).statementAdded;
  if (added.id !== Buffer.from(`Statement:${key}`).toString('base64url') || added.dialogue.id !== DIALOGUE) {
    throw new Error(`unexpected statement event: ${JSON.stringify(added)}`);
  }
  console.log(`statementAdded: B received statement ${key}, inserted with psql`);
} finally {
  await client.dispose();
}
