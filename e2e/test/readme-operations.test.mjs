// The README's example queries are the client contract: codegen reads them from e2e/operations/,
// and the README links them preloaded in GraphiQL. Both copies must stay identical to the README.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DOCUMENTED_BASE,
  graphiqlLink,
  operationFiles,
  operationName,
  preloadedQuery,
  readmeGraphiqlLinks,
  readmeOperations,
} from '../lib/readme.mjs';

const documented = readmeOperations();

test('the README documents named example operations', () => {
  assert.ok(documented.length >= 3, `expected the README's example queries, found ${documented.length} graphql blocks`);
  // The client preset silently skips anonymous operations, which would leave them unchecked.
  const names = documented.map(operationName);
  assert.deepEqual(names.filter((n) => !n), [], 'every ```graphql block of the README must be a named query');
  assert.equal(new Set(names).size, names.length, `operation names must be unique: ${names.join(', ')}`);
});

test('e2e/operations holds exactly the README example operations, verbatim and in order', () => {
  const files = operationFiles();
  const listing = files.map((f) => f.file).join(', ');
  assert.equal(files.length, documented.length,
    `README has ${documented.length} graphql blocks, e2e/operations has ${files.length} (${listing})`);
  files.forEach(({ file, text }, i) => {
    assert.equal(text, documented[i], `e2e/operations/${file} differs from README graphql block #${i + 1}`);
  });
});

test('the README links every example operation preloaded in GraphiQL', () => {
  const links = readmeGraphiqlLinks();
  assert.equal(links.length, documented.length,
    'the "Clients" section must link each example (regenerate with node e2e/scripts/graphiql-links.mjs)');
  links.forEach(([label, url], i) => {
    assert.equal(label, operationName(documented[i]), `link #${i + 1} is labelled ${label}`);
    assert.equal(preloadedQuery(url), documented[i], `link ${label} does not preload README block #${i + 1}`);
    assert.equal(url, graphiqlLink(DOCUMENTED_BASE, documented[i]), `link ${label} is not the generated link`);
  });
});
