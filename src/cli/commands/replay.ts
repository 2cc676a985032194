import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { replayTable } from '../../realworld/replayTable.js';
import { replayScenario } from '../../realworld/replaySession.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { collect, durationSeconds, durationText, nonNegativeInt } from '../options.js';

interface ReplayFlags {
  phone: number;
  strategy?: string;
  speed: string;
  until?: string;
  broker?: string;
  log?: string;
  json?: boolean;
  quiet?: boolean;
  seed?: number;
  set?: string[];
}

export function registerReplay(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description(
      'run one phone of a scenario on a real MQTT client and broker through a real NAT; compare with the simulation',
    )
    .argument('<file>', 'scenario file')
    .option(
      '-p, --phone <n>',
      'phone index (0-based, across groups in file order)',
      nonNegativeInt,
      0,
    )
    .option('-s, --strategy <name>', 'strategy to replay (default: the baseline)')
    .option('--speed <x>', 'scenario seconds per wall second', '60')
    .option('-u, --until <duration>', 'replay only this much scenario time', durationText)
    .option(
      '--broker <url>',
      'mqtt://host:port behind a NAT of yours (default: a namespace NAT made here, root only)',
    )
    .option('--log <file>', 'write every event as JSON lines to this new file')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--seed <n>', 'master random seed (overrides the file)', nonNegativeInt)
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect)
    .addHelpText(
      'after',
      `
Without --broker (as root) hbsim builds a NAT in network namespaces whose conntrack idle
timeout is the carrier's (a constant, divided by --speed: a whole number of seconds) and
runs Debian's mosquitto behind it. All figures are in scenario time: "per hour" means per
hour of scenario time (3600/speed wall seconds). See docs/realworld.md.

Examples:
  sudo hbsim replay scenarios/replay-fixed-10m.yaml --speed 60 --until 2h
  hbsim replay my.yaml --broker mqtt://broker.example.org:1883 --speed 1 --until 30m`,
    )
    .action(async (file: string, opts: ReplayFlags) => {
      const speed = Number(opts.speed);
      if (!(speed > 0) || !Number.isFinite(speed))
        throw new UsageError(`--speed ${opts.speed}: expected a number > 0`);
      if (opts.broker !== undefined && !/^mqtts?:\/\/[^/\s]+$/.test(opts.broker)) {
        throw new UsageError(`--broker ${opts.broker}: expected mqtt://host:port`);
      }
      if (opts.log !== undefined && existsSync(opts.log)) {
        throw new UsageError(`--log ${opts.log}: the file exists (hbsim never overwrites a file)`);
      }
      const scenario = await loadForCli(file, opts.set, { seed: opts.seed });
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      const lines: string[] = [];
      try {
        const r = await replayScenario(scenario, {
          phone: opts.phone,
          strategy: opts.strategy,
          speed,
          durationS: opts.until === undefined ? undefined : durationSeconds(opts.until),
          brokerUrl: opts.broker,
          signal: stop.signal,
          log: opts.quiet ? undefined : (l) => io.err(`replay: ${l}\n`),
          onEvent: (e) => {
            if (opts.log !== undefined) lines.push(JSON.stringify(e));
            if (!opts.quiet && e.event !== 'push-published')
              io.err(`replay: ${e.t.toFixed(1)} s ${e.event}\n`);
          },
        });
        if (opts.log !== undefined)
          writeFileSync(opts.log, `${lines.join('\n')}\n`, { flag: 'wx' });
        if (r.outcome.aborted) throw new InterruptedError('interrupted');
        if (opts.json) {
          const { outcome, ...rest } = r;
          io.out(`${JSON.stringify({ ...rest, undelivered: outcome.undelivered }, null, 2)}\n`);
          return;
        }
        const nat = r.lab
          ? `namespace NAT: idle ${r.lab.idleTimeoutS} s wall (${r.plan.carrier.name}), expired packets ${r.lab.expiredPacket}`
          : `broker ${r.brokerUrl} through your NAT`;
        io.out(
          `${scenario.name}: phone ${r.plan.phone}, strategy ${r.plan.spec.name} (timing: ${r.plan.timing}), ${nat}\n` +
            `${r.plan.durationS} s of scenario time at ×${speed} (${(r.plan.durationS / speed).toFixed(0)} s wall); ` +
            `simulation: ${r.sim.phones} phones × ${r.sim.replications} replications; rates per scenario hour\n\n` +
            `${replayTable(r.real, r.simPhone, r.sim)}\n`,
        );
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
