// A subscriber that stays connected until the server closes its socket: prints "subscribed" once
// the server reports the subscription attached, then "closed <code>" when the server closes the
// socket, and exits. Exits 1 if either takes longer than the timeout; never sleeps to synchronise.
//   node held.mjs <base URL>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { subscriptionsAttached } from './attached.mjs';

const [base] = process.argv.slice(2);
const TIMEOUT_MS = 30000;
const timer = setTimeout(() => { console.log('timed out'); process.exit(1); }, TIMEOUT_MS);

const client = createClient({
  url: base.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
  on: {
    closed: (event) => {
      console.log(`closed ${event.code}`);
      clearTimeout(timer);
      process.exit(0);
    },
  },
});
client.subscribe({ query: 'subscription Held { commitmentStatusChanged { statusChange { id } } }' },
  { next: () => {}, error: () => {}, complete: () => {} });
await subscriptionsAttached(base, 1, TIMEOUT_MS);
console.log('subscribed');
