/** Command-line options of `npm run bench` (see bench/README.md). */
export interface BenchOptions {
  messages: number;
  users: number;
  /** Messages per second; 0 = everything at once (burst). */
  rate: number;
  databaseUrl: string | undefined;
  instances: number;
  kill: number;
  webhook: boolean;
  defaultLimits: boolean;
  json: boolean;
  /** Give up waiting for the backlog after this many seconds. */
  timeoutSec: number;
  /** Share of sendMessage calls the fake API fails (500 / reset), 0..1. */
  sendFailures: number;
  seed: number;
  /** Extra environment for the service processes, e.g. INBOX_CONCURRENCY=8. */
  env: Record<string, string>;
}

const USAGE = `usage: npm run bench -- [--messages N] [--users M] [--rate R (0 = burst)] [--database-url URL]
       [--instances I] [--kill K] [--webhook] [--default-limits] [--send-failures 0.1] [--timeout S]
       [--seed S] [--env KEY=VALUE]... [--json]`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    messages: 10_000,
    users: 1_000,
    rate: 0,
    databaseUrl: undefined,
    instances: 1,
    kill: 0,
    webhook: false,
    defaultLimits: false,
    json: false,
    timeoutSec: 600,
    sendFailures: 0,
    seed: 42,
    env: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    const number = (min: number): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min) throw new Error(`${arg} must be a number >= ${min}`);
      return n;
    };
    switch (arg) {
      case '--messages': options.messages = Math.floor(number(1)); break;
      case '--users': options.users = Math.floor(number(1)); break;
      case '--rate': options.rate = number(0); break;
      case '--database-url': options.databaseUrl = value(); break;
      case '--instances': options.instances = Math.floor(number(1)); break;
      case '--kill': options.kill = Math.floor(number(0)); break;
      case '--webhook': options.webhook = true; break;
      case '--default-limits': options.defaultLimits = true; break;
      case '--json': options.json = true; break;
      case '--timeout': options.timeoutSec = number(1); break;
      case '--send-failures': options.sendFailures = number(0); break;
      case '--seed': options.seed = Math.floor(number(0)); break;
      case '--env': {
        const [key, ...rest] = value().split('=');
        options.env[key!] = rest.join('=');
        break;
      }
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.users > options.messages) options.users = options.messages;
  if (options.instances > 1 && !/^postgres/.test(options.databaseUrl ?? '')) {
    throw new Error('--instances > 1 needs --database-url postgresql://... (one SQLite file serves one instance)');
  }
  return options;
}
