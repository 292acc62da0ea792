import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both index.js and index.mjs; Vite would pick the .mjs for project files while
  // Pothos and yoga load index.js, and two copies of graphql refuse each other's types.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
