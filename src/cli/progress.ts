import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/**
 * Run progress on stderr (stdout stays clean for --json): a bar on a terminal, one line per
 * finished run otherwise (CI logs), nothing with --quiet.
 */

export interface RunDoneInfo {
  done: number;
  total: number;
  strategy: string;
  replication: number;
  wallS: number;
}

export interface Progress {
  onRunDone(info: RunDoneInfo): void;
  stop(): void;
}

const SILENT: Progress = { onRunDone() {}, stop() {} };

export function createProgress(io: CliIo, opts: { quiet: boolean; total: number }): Progress {
  if (opts.quiet) return SILENT;
  if (!io.errIsTTY) {
    return {
      onRunDone: (i) =>
        io.err(
          `run ${i.done}/${i.total} done: ${i.strategy}, replication ${i.replication + 1} (${i.wallS.toFixed(1)} s)\n`,
        ),
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.errStream,
      format: 'hbsim |{bar}| {value}/{total} runs | last: {last} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 4,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.total, 0, { last: '-' });
  return {
    onRunDone: (i) => {
      if (i.total !== bar.getTotal()) bar.setTotal(i.total);
      bar.update(i.done, { last: `${i.strategy} #${i.replication + 1}` });
    },
    stop: () => bar.stop(),
  };
}
