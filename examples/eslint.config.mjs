// The whole ESLint config of a TypeScript service: typed linting and the recommended rules, with a
// public table and an in-house guard. `dynamodb-security scan` reads the same file.
import dynamodb from 'eslint-plugin-dynamodb-security';

export default [
  { ignores: ['dist/', 'cdk.out/'] },
  dynamodb.configs['recommended-type-checked'],
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: { 'dynamodb-security/no-unscoped-key': ['error', { publicTables: ['Products'] }] },
    settings: { 'dynamodb-security': { guards: ['assertOwner'] } },
  },
];
