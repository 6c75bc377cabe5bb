#!/usr/bin/env node
'use strict';
// Thin launcher: all logic lives in lib/cli (compiled TypeScript).
require('../lib/cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Last-resort guard: never show a stack trace to the user.
    process.stderr.write(`alpha-factory: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
);
