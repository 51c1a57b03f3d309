#!/usr/bin/env node
import { processIo } from '../lib/cli/io.js';
import { runCli } from '../lib/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
