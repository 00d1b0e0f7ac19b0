#!/usr/bin/env node
// Builds dist/ when it is missing or older than any TypeScript source, so `npm start` works on a fresh clone.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sourceDirs = [
  'bot',
  'cards',
  'handlers',
  'store',
  'm365',
  'sync',
  'sim',
  'manifest',
  'bench',
  'common',
  'config',
];
const stamp = path.join(root, 'dist', '.build-stamp');

function newestSourceTime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (/\.(ts|json|yaml|html|css|png)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesTime = Math.max(...sourceDirs.map((d) => newestSourceTime(path.join(root, d))));
const builtTime = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (builtTime < sourcesTime) {
  process.stderr.write('m365ops: building (tsc)…\n');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  fs.writeFileSync(stamp, new Date().toISOString());
}
