// Lint: typescript-eslint's recommended rules plus the import boundaries between processes (DESIGN.md).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  // The package bin is plain CommonJS run by node as it is (it loads the built CLI).
  { files: ['build/poolwatch.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'keytar', 'ws', 'react', 'react-dom'].map((name) => ({
            name,
            message: 'shared/ is runtime-agnostic: no electron, node or DOM imports.',
          })),
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports nothing from main/ or renderer/.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'keytar', 'ws'].map((name) => ({
            name,
            message: 'renderer/ runs in a sandboxed page: no node or electron imports.',
          })),
          patterns: [{ group: ['**/main/**', '../main/*', '../../main/*'], message: 'renderer/ never imports main/: use the contract.' }],
        },
      ],
    },
  },
);
