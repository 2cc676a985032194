import type { Command } from 'commander';
import { natBlockYaml } from '../../realworld/natBlock.js';
import { probeNat } from '../../realworld/probe.js';
import { ProbeConnectError } from '../../realworld/probeClient.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { durationSeconds, durationText, positiveInt } from '../options.js';

interface ProbeFlags {
  server: string;
  min: string;
  max: string;
  resolution: string;
  parallel: number;
  confirm: number;
  budget: string;
  grace: string;
  inbound: boolean;
  name: string;
  json?: boolean;
  quiet?: boolean;
}

/** HOST:PORT (IPv6 as [addr]:port). */
export function parseServer(text: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new UsageError(`--server ${text}: expected HOST:PORT (e.g. probe.example.org:7000)`);
  }
  return { host: m[1], port };
}

export function registerProbe(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('probe')
    .description(
      "measure the NAT idle timeout between here and a probe server; print a scenario's carriers[].nat block",
    )
    .requiredOption(
      '--server <host:port>',
      'a running `hbsim probe-server` on the far side of the NAT',
    )
    .option('--min <duration>', 'shortest timeout to consider', durationText, '10s')
    .option('--max <duration>', 'longest timeout to consider', durationText, '30m')
    .option(
      '--resolution <duration>',
      'stop when the timeout is bracketed this tightly',
      durationText,
      '5s',
    )
    .option('--parallel <n>', 'silences tried at once in each round', positiveInt, 6)
    .option('--confirm <n>', 'connections per silence that must agree', positiveInt, 2)
    .option('--budget <duration>', 'wall-time budget of the whole probe', durationText, '2h')
    .option(
      '--grace <duration>',
      "wait this long past a silence for the server's write",
      durationText,
      '2s',
    )
    .option('--no-inbound', 'skip the test of whether server traffic keeps a mapping alive')
    .option('--name <carrier>', 'carrier name in the printed block', 'measured')
    .option('--json', 'print the measurement as JSON instead of YAML')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Method: parallel TCP connections stay silent for different times, then the server writes;
the write arrives iff the NAT kept the mapping. Rounds narrow the bracket (an (n+1)-ary
bisection); each silence counts only when all its confirmations agree. A round lasts its
longest silence, so the first round takes about --max. See docs/realworld.md.

Examples:
  hbsim probe --server probe.example.org:7000
  hbsim probe --server 203.0.113.7:7000 --min 1m --max 40m --resolution 10s --budget 3h
  hbsim probe --server 198.19.1.2:7000 --min 2 --max 12 --resolution 0.5 --json`,
    )
    .action(async (opts: ProbeFlags) => {
      const { host, port } = parseServer(opts.server);
      const minS = durationSeconds(opts.min);
      const maxS = durationSeconds(opts.max);
      const resolutionS = durationSeconds(opts.resolution);
      const budgetS = durationSeconds(opts.budget);
      const graceS = durationSeconds(opts.grace);
      if (!(maxS > minS))
        throw new UsageError(`--max ${opts.max} must be longer than --min ${opts.min}`);
      if (!(resolutionS > 0)) throw new UsageError(`--resolution ${opts.resolution}: expected > 0`);
      if (!(graceS > 0)) throw new UsageError(`--grace ${opts.grace}: expected > 0`);
      if (opts.parallel > 64) throw new UsageError(`--parallel ${opts.parallel}: at most 64`);
      if (opts.confirm > 8) throw new UsageError(`--confirm ${opts.confirm}: at most 8`);
      if (opts.parallel * opts.confirm > 128) {
        throw new UsageError(
          `--parallel ${opts.parallel} × --confirm ${opts.confirm} connections at once: at most 128 (a probe server serves 256)`,
        );
      }
      if (budgetS < maxS + 2 * graceS) {
        throw new UsageError(
          `--budget ${opts.budget} is shorter than one round (--max ${opts.max} plus twice --grace)`,
        );
      }
      const log = opts.quiet ? undefined : (line: string) => io.err(`probe: ${line}\n`);
      const report = await probeNat({
        host,
        port,
        minS,
        maxS,
        resolutionS,
        parallel: opts.parallel,
        confirmations: opts.confirm,
        budgetS,
        graceS,
        checkInbound: opts.inbound,
        log,
      }).catch((e) => {
        if (e instanceof ProbeConnectError) throw new UsageError(e.message);
        throw e;
      });
      io.out(opts.json ? `${JSON.stringify(report, null, 2)}\n` : natBlockYaml(report, opts.name));
      if (report.status !== 'resolved') setExit(EXIT.runFailure);
    });
}
