// Prints the README's "Clients" links: each example operation of the README preloaded in GraphiQL.
// Usage: node scripts/graphiql-links.mjs [base URL, default http://localhost:8080]
import { DOCUMENTED_BASE, graphiqlLink, operationName, readmeOperations } from '../lib/readme.mjs';

const base = process.argv[2] ?? DOCUMENTED_BASE;
for (const query of readmeOperations()) {
  console.log(`- [${operationName(query) ?? 'anonymous query'}](${graphiqlLink(base, query)})`);
}
