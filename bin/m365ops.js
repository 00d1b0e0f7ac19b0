#!/usr/bin/env node
require('../scripts/build-if-needed.js');
require('../dist/bot/cli/main.js');
