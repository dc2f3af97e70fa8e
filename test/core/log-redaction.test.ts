/** No bot token, Slack token, API key, password or bearer token reaches a log line, at any level. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../core/log.ts';

const TELEGRAM = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_x';
const SLACK = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const APP = 'xapp-1-A0123-456-abcdef0123456789';
const OPENAI = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
const SECRETS = [TELEGRAM, SLACK, APP, OPENAI, 's3cr3t-pass', 'Bearer-token-value-123456'];

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('scrubs token shapes from messages, fields, nested objects and errors at every level', () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: 'trace', destination: stream });
    log.trace(`calling https://api.telegram.org/bot${TELEGRAM}/getMe`);
    log.debug({ url: `https://api.telegram.org/bot${TELEGRAM}/sendMessage` }, 'send');
    log.info({ nested: { deeper: { value: `token ${SLACK}` } } }, 'nested');
    log.warn({ token: 'plain-secret-value', botToken: TELEGRAM, signingSecret: 'abc', apiKey: OPENAI }, 'fields');
    log.error({ err: new Error(`auth failed for ${SLACK} and ${APP}`) }, 'error object');
    log.fatal({ authorization: 'Bearer Bearer-token-value-123456' }, 'header');
    log.info({ db: 'postgresql://frontline:s3cr3t-pass@db:5432/frontline' }, 'database');
    log.child({ part: 'x' }).warn(`child ${OPENAI}`);
    const text = lines.join('');
    expect(lines.length).toBe(8);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('api.telegram.org/bot[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('ticket FL-00042 at 12:30:15, chat -1001234567890')).toBe('ticket FL-00042 at 12:30:15, chat -1001234567890');
  });
});
