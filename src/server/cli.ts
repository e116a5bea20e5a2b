#!/usr/bin/env node
/**
 * The `mockaws` executable (package.json `bin`). All behaviour is in
 * cli-main.ts, so it can be tested without spawning a process.
 */
import { main } from './cli-main';

main(process.argv.slice(2)).then((code) => process.exit(code));
