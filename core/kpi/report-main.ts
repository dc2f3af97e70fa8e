/** `npm run report`: the entry point (report-cli.ts holds the logic, callable from tests). */
import { systemClock } from '../clock.ts';
import { redactSecrets } from '../log.ts';
import { runReportCli } from './report-cli.ts';

runReportCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  clock: systemClock,
}).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    // The message may quote the connection URL: never print its password.
    process.stderr.write(`report failed: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
