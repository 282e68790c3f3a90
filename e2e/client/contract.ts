// A minimal typed client over the generated documents. It is only type-checked (tsc --noEmit): a
// schema change that renames, removes or retypes a field the README's examples read fails here, as
// it would in a client application.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  CommitmentStatusHistoryDocument,
  StatementSourceSpanDocument,
  WhoSaidWhatDocument,
} from '../generated/graphql';
import type {
  CommitmentStatusHistoryQuery,
  StatementSourceSpanQuery,
  WhoSaidWhatQuery,
} from '../generated/graphql';

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export async function execute<TResult, TVariables>(
  endpoint: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: GraphQLError[] };
  if (body.errors?.length || body.data === undefined) {
    const codes = (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'UNKNOWN'}: ${e.message}`);
    throw new Error(`GraphQL request failed: ${codes.join('; ')}`);
  }
  return body.data;
}

export function whoSaidWhat(data: WhoSaidWhatQuery): string[] {
  return data.officials.nodes.flatMap((official) =>
    official.statements.nodes.map((statement) => {
      const promises = statement.commitments.map((c) => `${c.title} (${c.status})`).join(', ');
      return `${official.name} [${statement.kind}]: ${statement.text}${promises ? ` -> ${promises}` : ''}`;
    }),
  );
}

export function partiesOf(data: CommitmentStatusHistoryQuery): string[] {
  return data.commitments.nodes.flatMap((commitment) =>
    commitment.parties.map(({ role, party }) => {
      // Party is a union: each member exposes its own identifying field.
      const who = party.__typename === 'Nation' ? party.code : party.name;
      return `${commitment.title}: ${who} as ${role}`;
    }),
  );
}

export function latestEvidence(data: CommitmentStatusHistoryQuery): Array<{ title: string; asOf: string; span: number }> {
  return data.commitments.nodes.flatMap((commitment) => {
    const last = commitment.statusHistory.at(-1);
    if (!last?.evidence) return [];
    const { start, end } = last.evidence.source;
    return [{ title: commitment.title, asOf: last.asOf, span: end - start }];
  });
}

export function quotedSpan(data: StatementSourceSpanQuery): string | undefined {
  const statement = data.statements.nodes[0];
  if (!statement) return undefined;
  const { start, end, document } = statement.source;
  const speakers = statement.speakers.map((s) => [s.name, ...s.otherNames].join(' / ')).join(', ');
  return `${speakers} in "${document.title}" (${document.publishedOn}) [${start}, ${end}): ${statement.text}`;
}

export async function readAll(endpoint: string): Promise<string[]> {
  const officials = await execute(endpoint, WhoSaidWhatDocument, {});
  const commitments = await execute(endpoint, CommitmentStatusHistoryDocument, {});
  const statement = await execute(endpoint, StatementSourceSpanDocument, {});
  return [
    ...whoSaidWhat(officials),
    ...partiesOf(commitments),
    ...latestEvidence(commitments).map((e) => `${e.title} as of ${e.asOf}: ${e.span} characters of evidence`),
    quotedSpan(statement) ?? 'no statement',
  ];
}
