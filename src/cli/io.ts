/**
 * Where the CLI writes. Commands never touch process.stdout directly, so tests can run the
 * program in-process and a progress bar can tell whether stderr is a terminal.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: draw a progress bar instead of one line per run. */
  errIsTTY: boolean;
  /** The stream a progress bar draws on. */
  errStream: NodeJS.WritableStream;
}

export const processIo: CliIo = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
  errIsTTY: process.stderr.isTTY === true,
  errStream: process.stderr,
};
