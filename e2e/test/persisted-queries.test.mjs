// Automatic persisted queries with a real client: Apollo Client and its persisted-queries link
// against the packaged server. The link sends a hash first, resends the text when the server does
// not know it, and sends the hash alone from then on; over GET when asked to.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const base = process.env.COMMUNIQUE_URL ?? 'http://localhost:8080';
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A client whose every HTTP exchange is recorded: method, what was sent, status and headers. */
function recordingClient(linkOptions) {
  const exchanges = [];
  const recordingFetch = async (url, init) => {
    const response = await fetch(url, init);
    const sent = new URL(url);
    const request = init?.method === 'GET'
      ? {
          query: sent.searchParams.get('query'),
          extensions: JSON.parse(sent.searchParams.get('extensions') ?? 'null'),
          variables: JSON.parse(sent.searchParams.get('variables') ?? 'null'),
        }
      : JSON.parse(init.body);
    exchanges.push({
      method: init?.method ?? 'GET',
      hasQuery: typeof request.query === 'string' && request.query.length > 0,
      hash: request.extensions?.persistedQuery?.sha256Hash,
      variables: request.variables,
      status: response.status,
      etag: response.headers.get('etag'),
      cacheControl: response.headers.get('cache-control'),
      body: await response.clone().json(),
    });
    return response;
  };
  const link = ApolloLink.from([
    new PersistedQueryLink({ sha256, ...linkOptions }),
    new HttpLink({ uri: `${base}/graphql`, fetch: recordingFetch }),
  ]);
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), exchanges };
}

/** A document no earlier run registered: the server's table outlives a test run. */
function freshQuery(name) {
  const alias = `run_${randomUUID().replaceAll('-', '')}`;
  return gql`
    query ${name}($code: String!) {
      nation(code: $code) { name }
      ${alias}: __typename
    }
  `;
}

function assertNotFound(exchange) {
  assert.equal(exchange.hasQuery, false, 'the first request carries the hash only');
  assert.match(exchange.hash, /^[0-9a-f]{64}$/);
  const [error] = exchange.body.errors;
  assert.equal(error.message, 'PersistedQueryNotFound');
  assert.equal(error.extensions.code, 'PERSISTED_QUERY_NOT_FOUND');
}

test('POST: hash, not found, text, then the hash alone', async () => {
  const { client, exchanges } = recordingClient({});
  const query = freshQuery('ApqOverPost');

  const first = await client.query({ query, variables: { code: 'IN' }, fetchPolicy: 'no-cache' });
  assert.equal(first.data.nation.name, 'India');
  assert.equal(exchanges.length, 2, JSON.stringify(exchanges));
  assertNotFound(exchanges[0]);
  assert.equal(exchanges[1].method, 'POST');
  assert.equal(exchanges[1].hasQuery, true, 'the retry carries the text');
  assert.equal(exchanges[1].hash, exchanges[0].hash);
  assert.equal(exchanges[1].status, 200);

  const second = await client.query({ query, variables: { code: 'US' }, fetchPolicy: 'no-cache' });
  assert.equal(second.data.nation.name, 'United States');
  assert.equal(exchanges.length, 3, 'one request: the hash is known now');
  assert.equal(exchanges[2].hasQuery, false);
  assert.equal(exchanges[2].status, 200);
  assert.equal(exchanges[2].cacheControl, 'no-store');
});

test('GET (useGETForHashedQueries): the hash alone in the URL, cacheable once known', async () => {
  const { client, exchanges } = recordingClient({ useGETForHashedQueries: true });
  const query = freshQuery('ApqOverGet');

  const first = await client.query({ query, variables: { code: 'US' }, fetchPolicy: 'no-cache' });
  assert.equal(first.data.nation.name, 'United States');
  assert.equal(exchanges.length, 2, JSON.stringify(exchanges));
  assert.equal(exchanges[0].method, 'GET');
  assertNotFound(exchanges[0]);
  assert.equal(exchanges[0].cacheControl, 'private, no-store', 'a miss must not be cached');
  assert.equal(exchanges[1].method, 'POST', 'Apollo resends the text with POST');
  assert.equal(exchanges[1].hasQuery, true);

  const second = await client.query({ query, variables: { code: 'US' }, fetchPolicy: 'no-cache' });
  assert.equal(second.data.nation.name, 'United States');
  assert.equal(exchanges.length, 3);
  const byHash = exchanges[2];
  assert.equal(byHash.method, 'GET');
  assert.equal(byHash.hasQuery, false);
  assert.deepEqual(byHash.variables, { code: 'US' });
  assert.equal(byHash.status, 200);
  // Apollo accepts application/graphql-response+json first, whose tag ends in .gr (README, GET and HTTP caching).
  assert.match(byHash.etag, /^W\/"[A-Za-z0-9_-]{43}\.gr"$/);
  assert.match(byHash.cacheControl, /^public, max-age=\d+$/);

  // The same GET again, as a browser or CDN would revalidate it: 304 and no body.
  const url = new URL(`${base}/graphql`);
  url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: byHash.hash } }));
  url.searchParams.set('variables', JSON.stringify({ code: 'US' }));
  url.searchParams.set('operationName', 'ApqOverGet');
  const plain = await fetch(url, { headers: { accept: 'application/json' } });
  assert.equal(plain.status, 200);
  const etag = plain.headers.get('etag');
  await plain.arrayBuffer();
  const revalidated = await fetch(url, { headers: { accept: 'application/json', 'if-none-match': etag } });
  assert.equal(revalidated.status, 304);
  assert.equal((await revalidated.text()).length, 0);
  assert.equal(revalidated.headers.get('etag'), etag);
});
