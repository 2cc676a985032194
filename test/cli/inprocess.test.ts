import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT, InterruptedError, reportError, UsageError } from '../../src/cli/errors.js';
import type { CliIo } from '../../src/cli/io.js';
import { flagOverrides } from '../../src/cli/options.js';
import { runCli } from '../../src/cli/program.js';
import { createProgress } from '../../src/cli/progress.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { StrategyParamError } from '../../src/strategies/params.js';

function fakeIo(): CliIo & { outText: () => string; errText: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: false,
    errStream: process.stderr,
    outText: () => out,
    errText: () => err,
  };
}

describe('exit codes', () => {
  it('maps each kind of failure', () => {
    const io = fakeIo();
    expect(
      reportError(new ScenarioError([{ file: 'f', path: 'x', expected: 'a', found: 'b' }]), io),
    ).toBe(EXIT.badInput);
    expect(reportError(new UsageError('bad'), io)).toBe(EXIT.badInput);
    expect(reportError(new StrategyParamError('parameter x'), io)).toBe(EXIT.badInput);
    expect(reportError(new InterruptedError(), io)).toBe(EXIT.interrupted);
    expect(reportError(new CommanderError(0, 'commander.helpDisplayed', ''), io)).toBe(EXIT.ok);
    expect(reportError(new CommanderError(1, 'commander.unknownOption', ''), io)).toBe(
      EXIT.badInput,
    );
    expect(reportError(new TypeError('boom'), io)).toBe(EXIT.runFailure);
    expect(io.errText()).toContain('hbsim: run failed: boom');
    expect(io.errText()).not.toMatch(/^\s+at /m);
  });
});

describe('runCli in process', () => {
  it('validate through the program object', async () => {
    const io = fakeIo();
    expect(await runCli(['node', 'hbsim', 'validate', 'scenarios/default.yaml'], io)).toBe(0);
    expect(io.outText()).toMatch(
      /^ok scenarios\/default\.yaml: default, 1500 phones, 6 strategies × 5 replications/,
    );
  });

  it('a bad flag exits 2 and says why', async () => {
    const io = fakeIo();
    expect(await runCli(['node', 'hbsim', 'run', '--replications', '0'], io)).toBe(2);
    expect(io.errText()).toContain(
      "hbsim: option '-r, --replications <n>' argument '0' is invalid",
    );
  });
});

describe('flags as overrides', () => {
  it('labels each override with its flag', () => {
    expect(flagOverrides({ seed: 4, replications: 2, duration: '90m' })).toEqual([
      { path: ['seed'], value: 4, label: '--seed 4' },
      { path: ['replications'], value: 2, label: '--replications 2' },
      { path: ['duration'], value: 5400, label: '--duration 90m' },
    ]);
  });
});

describe('progress', () => {
  const info = { done: 1, total: 4, strategy: 'gcm', replication: 0, wallS: 1.25 };

  it('one line per run when stderr is not a terminal', () => {
    const io = fakeIo();
    createProgress(io, { quiet: false, total: 4 }).onRunDone(info);
    expect(io.errText()).toBe('run 1/4 done: gcm, replication 1 (1.3 s)\n');
  });

  it('nothing when quiet', () => {
    const io = fakeIo();
    createProgress(io, { quiet: true, total: 4 }).onRunDone(info);
    expect(io.errText()).toBe('');
  });
});
