import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the schema the server emits (../schema.graphql, checked in).
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown', Decimal: 'string' },
      },
    },
  },
};
export default config;
