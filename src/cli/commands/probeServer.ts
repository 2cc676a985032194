import type { Command } from 'commander';
import { startProbeServer } from '../../realworld/probeServer.js';
import type { CliIo } from '../io.js';
import { positiveInt } from '../options.js';
import { UsageError } from '../errors.js';

interface ProbeServerFlags {
  port: number;
  host: string;
  maxConnections: number;
  verbose?: boolean;
}

export function registerProbeServer(program: Command, io: CliIo): void {
  program
    .command('probe-server')
    .description('serve `hbsim probe` from the far side of a NAT (runs until Ctrl-C)')
    .requiredOption('--port <n>', 'TCP port to listen on', positiveInt)
    .option('--host <addr>', 'address to listen on', '0.0.0.0')
    .option('--max-connections <n>', 'connections served at once', positiveInt, 256)
    .option('-v, --verbose', 'log every request on stderr')
    .addHelpText(
      'after',
      `
The server answers each probe connection's one request (wait N ms then write, or write
every N ms) and stays silent otherwise; it keeps no state between connections.

Examples:
  hbsim probe-server --port 7000                 on a host with a public address
  hbsim probe --server that.host:7000            then, from behind the NAT`,
    )
    .action(async (opts: ProbeServerFlags) => {
      if (opts.port > 65535) throw new UsageError(`--port ${opts.port}: expected 1..65535`);
      const log = opts.verbose ? (line: string) => io.err(`${line}\n`) : undefined;
      const server = await startProbeServer({
        host: opts.host,
        port: opts.port,
        maxConnections: opts.maxConnections,
        log,
      }).catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot listen on ${opts.host}:${opts.port}: ${e.code ?? e.message}`);
      });
      io.err(`hbsim probe-server: listening on ${opts.host}:${opts.port}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close(() => done());
          server.unref();
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
