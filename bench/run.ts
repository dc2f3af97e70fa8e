/**
 * `npm run bench`: the real service (child processes) against the fake Telegram Bot API on loopback.
 * Injects N messages from M users, waits until every stored message is processed and every reply sent,
 * and reports throughput, latency, CPU per message, memory, and what was stored, lost or duplicated.
 * See bench/README.md for the options and measured figures.
 */
import { parseArgs } from './args.ts';
import { runBench } from './scenario.ts';
import { printTable } from './report.ts';

const options = parseArgs(process.argv.slice(2));
const result = await runBench(options, options.json ? () => {} : (line) => console.error(line));
if (options.json) console.log(JSON.stringify(result));
else printTable(result);
process.exit(0);
