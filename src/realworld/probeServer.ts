import { createServer, type Server, type Socket } from 'node:net';
import { MAX_LINE, MAX_WAIT_MS, parseRequest } from './probeProtocol.js';

export interface ProbeServerOptions {
  host: string;
  port: number;
  /** Connections served at once; more are refused (a probe uses a few dozen). */
  maxConnections: number;
  /** Log one line per event (connection, request, write). */
  log?: (line: string) => void;
}

/**
 * The far end of `hbsim probe`: answers each connection's request (see probeProtocol.ts)
 * and otherwise stays silent. Every connection is closed after its request is served plus
 * a grace, and at the latest after a day, so a vanished client costs nothing for long.
 */
export function startProbeServer(opts: ProbeServerOptions): Promise<Server> {
  const log = opts.log ?? (() => {});
  const server = createServer((socket) => serve(socket, log));
  server.maxConnections = opts.maxConnections;
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      done(server);
    });
  });
}

const GRACE_MS = 60_000;

function serve(socket: Socket, log: (line: string) => void): void {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));
  const write = (text: string) => {
    if (!socket.destroyed) socket.write(text);
  };
  const close = () => socket.destroy();
  socket.setNoDelay(true);
  socket.on('error', () => {}); // an expired mapping's RST or a vanished client
  socket.on('close', () => {
    for (const t of timers) clearTimeout(t);
  });
  later(MAX_WAIT_MS + GRACE_MS, close);
  let buf = '';
  let served = false;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      const req = parseRequest(line);
      if (typeof req === 'string') {
        log(`${peer} ${req}`);
        close();
        return;
      }
      if (req.kind === 'echo') {
        write('ECHO\n');
        continue;
      }
      if (served) {
        close();
        return;
      }
      served = true;
      write('OK\n');
      if (req.kind === 'wait') {
        log(`${peer} wait ${req.ms} ms`);
        later(req.ms, () => write('PING\n'));
        later(req.ms + GRACE_MS, close);
      } else {
        log(`${peer} drip every ${req.periodMs} ms × ${req.count}`);
        for (let k = 1; k <= req.count; k++) {
          later(k * req.periodMs, () => write(k === req.count ? 'PING\n' : 'D\n'));
        }
        later(req.count * req.periodMs + GRACE_MS, close);
      }
    }
    if (buf.length > MAX_LINE) {
      log(`${peer} line too long`);
      close();
    }
  });
}
