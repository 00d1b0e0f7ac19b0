// Lets a child process run our TypeScript sources directly (`node -r ./test/support/swc-register.js bot/cli/main.ts`),
// compiled on load by the same swc the tests use, so process tests need no build of dist/.
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
