// Lint for all TypeScript and test code: typescript-eslint's recommended rules plus a few
// project rules (no innerHTML with data in the extension: user text is rendered as text).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/lib/**', '**/build/**', '**/node_modules/**', 'alpha_factory_lab/**', 'schema/index.*', '.venv*/**', 'test-output/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-var-requires': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['extension/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render user text with textContent / text nodes, never innerHTML.' },
        { property: 'outerHTML', message: 'Render user text with textContent / text nodes.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', performance: 'readonly', PointerEvent: 'readonly', requestAnimationFrame: 'readonly', HTMLElement: 'readonly', Event: 'readonly', KeyboardEvent: 'readonly', MouseEvent: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', clearTimeout: 'readonly', process: 'readonly', Buffer: 'readonly', console: 'readonly', fetch: 'readonly', setTimeout: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
  },
);
