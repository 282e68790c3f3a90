// GraphiQL in a real browser: each README link, opened on the running server, preloads its example
// query; running it shows exactly what POST /graphql answers. Needs COMMUNIQUE_URL (the e2e check
// sets it to the packaged server it started) and Chromium (scripts/ensure-chromium.sh installs it).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DOCUMENTED_BASE, E2E_DIR, readmeGraphiqlLinks, readmeOperations } from '../lib/readme.mjs';

const BASE = process.env.COMMUNIQUE_URL?.replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(E2E_DIR, 'artifacts');
const WAIT_MS = 60_000;
const JAISHANKAR_QUOTE = '"We are bolstering the partnership in international peace, security';

let browser;

before(async () => {
  assert.ok(BASE, 'COMMUNIQUE_URL must name a running Communiqué server, e.g. http://127.0.0.1:8080');
  mkdirSync(ARTIFACTS, { recursive: true });
  // Chromium's own background traffic (updates, sync, QUIC probes) has nowhere to go here and only
  // slows start-up. launch() gives Chromium a fresh temporary profile (--user-data-dir) and deletes
  // it on close, so no stored GraphiQL tab or query leaks in from an earlier run.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

async function postGraphQL(query) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * Opens a README link on the server under test, checks the preloaded query, runs it (button or
 * Ctrl-Enter), saves a screenshot and returns the result pane: its full text and the visible part.
 */
async function runInGraphiQL(name, documentedUrl, expectedQuery, runWith) {
  // Each example gets its own context (own storage) so GraphiQL's saved tabs cannot mix them up.
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  const page = await context.newPage();
  const pageErrors = [];
  const foreignRequests = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(BASE) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });
  try {
    const url = documentedUrl.replace(DOCUMENTED_BASE, BASE);
    await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
    const execute = page.locator('.graphiql-execute-button');
    await execute.waitFor({ state: 'visible', timeout: WAIT_MS });

    const editorValue = (selector) =>
      page.evaluate((s) => document.querySelector(s)?.CodeMirror?.getValue() ?? null, selector);
    assert.equal(await editorValue('.graphiql-query-editor .CodeMirror'), expectedQuery,
      `${name}: GraphiQL did not preload the README query from the link`);

    if (runWith === 'keyboard') {
      await page.locator('.graphiql-query-editor .CodeMirror').click();
      await page.keyboard.press('Control+Enter');
    } else {
      await execute.click();
    }
    // The result pane is a CodeMirror editor that renders only the lines in view: read its value.
    await page.waitForFunction(() => {
      const text = document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '';
      try {
        const body = JSON.parse(text);
        return 'data' in body || 'errors' in body;
      } catch {
        return false;
      }
    }, null, { timeout: WAIT_MS });
    const result = JSON.parse(await editorValue('.result-window .CodeMirror'));
    const visible = await page.locator('.result-window').innerText();
    await page.screenshot({ path: join(ARTIFACTS, `graphiql-${name}.png`) });

    assert.deepEqual(pageErrors, [], `${name}: uncaught errors in the GraphiQL page`);
    assert.deepEqual(foreignRequests, [], `${name}: GraphiQL loaded something from another origin`);
    return { result, visible };
  } finally {
    await context.close();
  }
}

const operations = readmeOperations();
const links = new Map(readmeGraphiqlLinks().map(([label, url]) => [label, url]));

function documented(name) {
  const url = links.get(name);
  assert.ok(url, `the README's "Clients" section has no GraphiQL link for ${name}`);
  const query = operations.find((q) => q.startsWith(`query ${name} `));
  assert.ok(query, `the README has no example query ${name}`);
  return { url, query };
}

test('WhoSaidWhat in GraphiQL lists the officials and their statements', async () => {
  const { url, query } = documented('WhoSaidWhat');
  const { result, visible } = await runInGraphiQL('WhoSaidWhat', url, query, 'button');
  assert.deepEqual(result, await postGraphQL(query), 'GraphiQL shows something else than POST /graphql answers');
  assert.equal(result.errors, undefined);
  const officials = result.data.officials.nodes;
  const names = officials.map((o) => o.name);
  assert.ok(names.includes('Narendra Modi') && names.includes('S. Jaishankar'), `officials: ${names.join(', ')}`);
  const jaishankar = officials.find((o) => o.name === 'S. Jaishankar');
  assert.ok(jaishankar.statements.nodes.some((s) => s.kind === 'DIRECT_QUOTE' && s.text.startsWith(JAISHANKAR_QUOTE)),
    'S. Jaishankar\'s quotation is missing from the result');
  assert.match(visible, /"totalCount": 5/);
  assert.match(visible, /Narendra Modi/);
});

test('CommitmentStatusHistory in GraphiQL (run with Ctrl-Enter) shows commitments with their history', async () => {
  const { url, query } = documented('CommitmentStatusHistory');
  const { result, visible } = await runInGraphiQL('CommitmentStatusHistory', url, query, 'keyboard');
  assert.deepEqual(result, await postGraphQL(query), 'GraphiQL shows something else than POST /graphql answers');
  assert.equal(result.errors, undefined);
  const commitments = result.data.commitments.nodes;
  assert.equal(commitments.length, 3);
  for (const c of commitments) {
    assert.ok(c.statusHistory.length > 0, `${c.title} has no status history`);
    assert.ok(c.parties.length > 0, `${c.title} has no parties`);
  }
  assert.ok(visible.includes(commitments[0].title.slice(0, 20)), 'the first commitment is not on screen');
});

test('StatementSourceSpan in GraphiQL shows S. Jaishankar\'s quotation with its source span', async () => {
  const { url, query } = documented('StatementSourceSpan');
  const { result, visible } = await runInGraphiQL('StatementSourceSpan', url, query, 'button');
  assert.deepEqual(result, await postGraphQL(query), 'GraphiQL shows something else than POST /graphql answers');
  const [statement] = result.data.statements.nodes;
  assert.equal(statement.kind, 'DIRECT_QUOTE');
  assert.ok(statement.text.startsWith(JAISHANKAR_QUOTE), statement.text);
  assert.deepEqual(statement.speakers.map((s) => s.name), ['S. Jaishankar']);
  assert.equal(statement.source.end - statement.source.start, statement.text.length);
  assert.match(visible, /S\. Jaishankar/);
  assert.match(visible, /We are bolstering the partnership/);
});
