import { connect, type Socket } from 'node:net';
import { formatRequest, type ProbeRequest } from './probeProtocol.js';

/** What happened to one probe connection. */
export interface ProbeTry {
  /** The server's PING arrived after the silence. */
  alive: boolean;
  /** Connect → OK, seconds. */
  rttS: number;
  /**
   * For an expired connection, what a client packet sent afterwards got: a RST (`rst`),
   * nothing (`drop`), or an answer (`answered`: the path was not dead after all).
   * A RST that arrived unasked during the silence also counts as `rst`.
   */
  afterExpiry?: 'drop' | 'rst' | 'answered';
}

export class ProbeConnectError extends Error {
  override name = 'ProbeConnectError';
}

/**
 * One probe connection: send `req`, wait for OK, then for PING until `waitS` after OK plus
 * `graceS`; if it does not come, send ECHO and wait `graceS` for what the NAT does to it.
 */
export function probeOnce(
  host: string,
  port: number,
  req: ProbeRequest,
  waitS: number,
  graceS: number,
): Promise<ProbeTry> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    let rttS = Number.NaN;
    let buf = '';
    let phase: 'connecting' | 'ok' | 'silence' | 'echo' | 'done' = 'connecting';
    let timer: NodeJS.Timeout | undefined;
    const sock: Socket = connect({ host, port, noDelay: true });
    sock.setEncoding('latin1');
    const finish = (r: ProbeTry) => {
      if (phase === 'done') return;
      phase = 'done';
      clearTimeout(timer);
      sock.destroy();
      done(r);
    };
    const connectTimer = setTimeout(() => {
      if (phase === 'connecting' || phase === 'ok') {
        phase = 'done';
        sock.destroy();
        fail(new ProbeConnectError(`no answer from probe server ${host}:${port} within 10 s`));
      }
    }, 10_000);
    sock.on('connect', () => {
      phase = 'ok';
      sock.write(formatRequest(req));
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (phase === 'connecting' || phase === 'ok') {
        clearTimeout(connectTimer);
        phase = 'done';
        fail(new ProbeConnectError(`probe server ${host}:${port}: ${e.code ?? e.message}`));
        return;
      }
      const reset = e.code === 'ECONNRESET' || e.code === 'EPIPE';
      if (phase === 'silence') finish({ alive: false, rttS, afterExpiry: reset ? 'rst' : 'drop' });
      else if (phase === 'echo')
        finish({ alive: false, rttS, afterExpiry: reset ? 'rst' : 'drop' });
    });
    sock.on('close', () => {
      if (phase === 'silence' || phase === 'echo')
        finish({ alive: false, rttS, afterExpiry: 'rst' });
    });
    sock.on('data', (chunk: string) => {
      buf += chunk;
      if (phase === 'ok' && buf.startsWith('OK\n')) {
        clearTimeout(connectTimer);
        rttS = (performance.now() - t0) / 1000;
        phase = 'silence';
        buf = buf.slice(3);
        timer = setTimeout(
          () => {
            phase = 'echo';
            sock.write('ECHO\n');
            timer = setTimeout(
              () => finish({ alive: false, rttS, afterExpiry: 'drop' }),
              graceS * 1000,
            );
          },
          (waitS + graceS) * 1000,
        );
      }
      if (phase === 'silence' && buf.includes('PING\n')) finish({ alive: true, rttS });
      if (phase === 'echo' && buf.includes('ECHO\n')) {
        finish({ alive: buf.includes('PING\n'), rttS, afterExpiry: 'answered' });
      }
    });
  });
}
