#!/usr/bin/env node
// The offline bundle verifier (libs/audit-bundle), compiled by `npm run build`.
require('./register-paths.js');
process.exitCode = require('../dist/libs/audit-bundle/src/cli/verify-bundle.js').main(process.argv.slice(2));
