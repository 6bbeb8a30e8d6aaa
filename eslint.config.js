import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.scratch', 'dist', 'storybook-static', 'coverage', 'public/mockServiceWorker.js', 'node_modules', '.sim-media', 'examples/*/.next', 'examples/*/.pack', 'examples/*/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'stories/**/*.{ts,tsx}', 'playground/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  // The walls between layers (see STYLE.md): core is framework-free, the browser never reaches
  // the server, and components reach the network only through hooks.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'react/*', '@tanstack/*'], message: 'src/core has no React.' }, { group: ['**/server/**', '**/hooks/**', '**/components/**'], message: 'src/core depends on nothing above it.' }] },
      ],
    },
  },
  {
    // The job engine: react-query's engine classes (QueryObserver, MutationObserver), never React.
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@tanstack/react-query', importNames: ['useQuery', 'useMutation', 'useQueryClient', 'useIsFetching', 'useIsMutating', 'useSuspenseQuery', 'useQueries', 'QueryClientProvider'], message: 'src/engine has no React: use the engine classes.' }],
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine has no React.' },
            { group: ['**/server/**', '**/server', '**/hooks/**', '**/components/**', 'node:*'], message: 'src/engine depends only on core and react-query.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/hooks/**', 'src/components/**', 'src/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server', 'node:*'], message: 'Browser code never imports the server.' },
            // Measured: zod's runtime was a fifth of the drop-in in a Next.js page (DEVELOPERS.md).
            {
              group: ['zod', 'zod/*', '**/predictionSchema', '**/submitInputSchema', '**/uploadResultSchema'],
              allowTypeImports: true,
              message: 'Browser code checks with parseSubmitInput / parsePrediction / parseUploadResult, not zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Components reach the network through hooks and the transport.' }],
      // Components are built from what a design system could build them from: the public entries.
      // (Repeats the browser wall above: a later block's option replaces the earlier one's.)
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server', 'node:*'], message: 'Browser code never imports the server.' },
            {
              regex: '^\\.\\./(core|hooks)/(?!index$)',
              message: "Components import hooks and core only through their public entries: '../hooks/index', '../core/index'.",
            },
          ],
        },
      ],
    },
  },
);
