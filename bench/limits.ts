/**
 * What the request limits cost per operation: for every operation the
 * dashboard sends (client/src/gql/graphql.ts), the time graphql-js's own
 * validation takes (the baseline every request pays already) next to the
 * time of the hub's limit checks (depth and aliases with graphql-armor, cost
 * with graphql-query-complexity). CPU only; median of `--repeats` [200].
 *
 *   npm run bench:limits [-- --repeats 1000]
 */
import 'reflect-metadata';
import { validate, type DocumentNode } from 'graphql';
import { defaultOpsConfig } from '../src/config';
import { checkQueryLimits, placeholderVariables } from '../src/limits/query-limits';
import { buildTributarySchema } from '../src/schema/build';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function medianMicros(repeats: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats + 10; i++) {
    const started = performance.now();
    fn();
    if (i >= 10) samples.push((performance.now() - started) * 1000); // ten warm-up rounds
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function main(): Promise<void> {
  const repeats = arg('repeats', 200);
  const schema = await buildTributarySchema();
  const limits = defaultOpsConfig();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require('../client/src/gql/graphql') as Record<string, unknown>;
  const documents = Object.entries(client).filter(
    ([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.kind === 'Document',
  ) as [string, DocumentNode][];
  const rows = documents.map(([name, document]) => {
    // The dashboard's variables are not known here: placeholders (an Int at the largest page).
    const variables = placeholderVariables(schema, document);
    const checked = checkQueryLimits(limits, schema, document, variables);
    return {
      operation: name.replace(/Document$/, ''),
      cost: 'cost' in checked ? checked.cost : NaN,
      validateUs: medianMicros(repeats, () => validate(schema, document)),
      limitsUs: medianMicros(repeats, () => checkQueryLimits(limits, schema, document, variables)),
    };
  });
  rows.sort((a, b) => b.cost - a.cost);
  const total = (key: 'validateUs' | 'limitsUs') => rows.reduce((sum, r) => sum + r[key], 0);
  console.log(`limits per operation, median of ${repeats} (µs); baseline = graphql-js validate`);
  console.table(
    rows.map((r) => ({
      operation: r.operation,
      cost: r.cost,
      'validate µs (baseline)': r.validateUs.toFixed(1),
      'limits µs': r.limitsUs.toFixed(1),
      'limits / validate': (r.limitsUs / r.validateUs).toFixed(2),
    })),
  );
  console.log(
    `all ${rows.length} operations: validate ${total('validateUs').toFixed(0)} µs, limits ${total('limitsUs').toFixed(0)} µs (${(total('limitsUs') / total('validateUs')).toFixed(2)}x)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
