import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatLab } from './natLab.js';

/**
 * Eclipse Mosquitto, Debian's MQTT broker, started in the lab's server namespace. Chosen
 * over an in-process npm broker because it is the broker push deployments actually run,
 * it enforces MQTT's keep-alive rule itself (closes a client silent for 1.5 × its announced
 * keep-alive, MQTT 3.1.1 §3.1.2.10, sources: mqtt-3.1.1), and as a separate process it lives behind the NAT while
 * the phone (this process) stays in front of it.
 */
export interface Broker {
  url: string;
  stop(): Promise<void>;
}

export async function startMosquittoInLab(lab: NatLab, port: number): Promise<Broker> {
  const dir = mkdtempSync(join(tmpdir(), 'hbsim-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} ${lab.serverAddr}`,
      'allow_anonymous true',
      // Queued QoS 1 messages of a disconnected persistent session stay in memory only.
      'persistence false',
      'max_queued_messages 100000',
      'set_tcp_nodelay true',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const child = lab.spawnInServer('mosquitto', ['-c', conf]);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const spawnError = new Promise<never>((_, fail) => {
    child.once('error', (e: NodeJS.ErrnoException) => fail(e));
    child.once('exit', (code) =>
      fail(
        new Error(
          `mosquitto exited (${code}): ${stderr.trim() || 'is it installed? Debian: apt-get install mosquitto'}`,
        ),
      ),
    );
  });
  spawnError.catch(() => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await Promise.race([canConnect(lab.serverAddr, port), spawnError]);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not listen on ${lab.serverAddr}:${port} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `mqtt://${lab.serverAddr}:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}
