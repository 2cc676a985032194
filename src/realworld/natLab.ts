import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A private Linux NAT for replay and for testing `hbsim probe`: two network namespaces and
 * two veth pairs, all created here and torn down afterwards.
 *
 *   root namespace (the client: this process)          198.18.N.1/30
 *     └ veth ─ router namespace hbr-N (nftables masquerade, conntrack)  198.18.N.2 | 198.19.N.1
 *                └ veth ─ server namespace hbs-N (broker or probe server)  198.19.N.2/30
 *
 * 198.18.0.0/15 is the range RFC 2544 sets aside for benchmarking, so it collides with no
 * real network; every packet a test sends stays on these veth pairs.
 *
 * The router's conntrack table is the NAT: its established-TCP timeout is the NAT idle
 * timeout τ (whole seconds: the sysctl's unit). A flow whose entry has expired must not be
 * revived by its next packet, so `nf_conntrack_tcp_loose=0` (only a SYN may create an entry)
 * and packets conntrack calls invalid are dropped, or, for a NAT that resets, answered with
 * a TCP RST when they come from the client side. Inbound packets to an expired mapping are
 * dropped in both variants, as a carrier NAT does.
 */
export interface NatLabOptions {
  /** Conntrack established timeout, whole seconds ≥ 1. */
  idleTimeoutS: number;
  /** What a client packet on an expired mapping gets. */
  expiredPacket: 'drop' | 'rst';
}

export interface NatLabCommand {
  args: string[];
  stdin?: string;
}

export interface NatLabPlan {
  index: number;
  routerNs: string;
  serverNs: string;
  clientAddr: string;
  /** The router's outside address: what servers see as the client's (masqueraded) source. */
  publicAddr: string;
  serverAddr: string;
  setup: NatLabCommand[];
  teardown: NatLabCommand[];
}

/** The commands that build (and remove) lab number `index` (1..254); pure, so it can be tested anywhere. */
export function natLabPlan(index: number, opts: NatLabOptions): NatLabPlan {
  if (!Number.isInteger(index) || index < 1 || index > 254) {
    throw new RangeError(`NAT lab index must be an integer in 1..254, found ${index}`);
  }
  if (!Number.isInteger(opts.idleTimeoutS) || opts.idleTimeoutS < 1) {
    throw new RangeError(
      `the namespace NAT's idle timeout must be a whole number of seconds ≥ 1 (conntrack's unit), found ${opts.idleTimeoutS}`,
    );
  }
  const r = `hbr-${index}`;
  const s = `hbs-${index}`;
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `hbv${index}${x}`);
  const inside = `198.18.${index}`;
  const outside = `198.19.${index}`;
  const reject =
    opts.expiredPacket === 'rst'
      ? `iifname "${b}" ct state invalid meta l4proto tcp reject with tcp reset;`
      : '';
  const ruleset = [
    'table ip hbsim {',
    `  chain postrouting { type nat hook postrouting priority srcnat; oifname "${c}" masquerade; }`,
    `  chain forward { type filter hook forward priority filter; policy accept; ${reject} ct state invalid drop; }`,
    '  chain input { type filter hook input priority filter; policy accept; ct state invalid drop; }',
    '}',
    '',
  ].join('\n');
  const ip = (...args: string[]): NatLabCommand => ({ args: ['ip', ...args] });
  const inNs = (ns: string, ...args: string[]): NatLabCommand => ({
    args: ['ip', 'netns', 'exec', ns, ...args],
  });
  const setup: NatLabCommand[] = [
    ip('netns', 'add', r),
    ip('netns', 'add', s),
    ip('link', 'add', a, 'type', 'veth', 'peer', 'name', b, 'netns', r),
    ip('-n', r, 'link', 'add', c, 'type', 'veth', 'peer', 'name', d, 'netns', s),
    ip('addr', 'add', `${inside}.1/30`, 'dev', a),
    ip('link', 'set', a, 'up'),
    ip('-n', r, 'addr', 'add', `${inside}.2/30`, 'dev', b),
    ip('-n', r, 'addr', 'add', `${outside}.1/30`, 'dev', c),
    ip('-n', r, 'link', 'set', b, 'up'),
    ip('-n', r, 'link', 'set', c, 'up'),
    ip('-n', r, 'link', 'set', 'lo', 'up'),
    ip('-n', s, 'addr', 'add', `${outside}.2/30`, 'dev', d),
    ip('-n', s, 'link', 'set', d, 'up'),
    ip('-n', s, 'link', 'set', 'lo', 'up'),
    ip('route', 'add', `${outside}.0/30`, 'via', `${inside}.2`, 'dev', a),
    inNs(r, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'),
    // The ruleset loads conntrack in the router namespace; its sysctls exist only after.
    { ...inNs(r, 'nft', '-f', '-'), stdin: ruleset },
    inNs(
      r,
      'sysctl',
      '-qw',
      `net.netfilter.nf_conntrack_tcp_timeout_established=${opts.idleTimeoutS}`,
      'net.netfilter.nf_conntrack_tcp_loose=0',
    ),
  ];
  // Deleting a namespace destroys its veth ends, their peers in the root namespace, and the route.
  const teardown = [ip('netns', 'del', r), ip('netns', 'del', s), ip('link', 'del', a)];
  return {
    index,
    routerNs: r,
    serverNs: s,
    clientAddr: `${inside}.1`,
    publicAddr: `${outside}.1`,
    serverAddr: `${outside}.2`,
    setup,
    teardown,
  };
}

/** Why a namespace NAT cannot be made here (not root, no `ip`/`nft`), or null if it can be tried. */
export function natLabUnavailable(): string | null {
  if (process.platform !== 'linux')
    return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'the namespace NAT needs root (network namespaces, nftables, conntrack sysctls)';
  }
  for (const tool of ['ip', 'nft', 'sysctl']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return `the namespace NAT needs "${tool}" (Debian: apt-get install iproute2 nftables procps)`;
      }
    }
  }
  return null;
}

const live = new Set<NatLab>();
let exitHook = false;

function runSync(cmd: NatLabCommand): void {
  try {
    execFileSync(cmd.args[0], cmd.args.slice(1), { stdio: 'ignore' });
  } catch {
    // Teardown is best effort: a part may already be gone.
  }
}

async function runCmd(cmd: NatLabCommand): Promise<void> {
  if (cmd.stdin === undefined) {
    await run(cmd.args[0], cmd.args.slice(1));
    return;
  }
  await new Promise<void>((done, fail) => {
    const child = spawn(cmd.args[0], cmd.args.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(new Error(`${cmd.args.join(' ')}: ${err.trim() || `exit ${code}`}`)),
    );
    child.stdin.end(cmd.stdin);
  });
}

/** A namespace NAT that exists until `destroy()` (or this process exits). */
export class NatLab {
  private destroyed = false;
  private readonly children = new Set<ChildProcess>();

  private constructor(readonly plan: NatLabPlan) {}

  /** Builds a lab on the first free index; throws with the failing command's message. */
  static async create(opts: NatLabOptions): Promise<NatLab> {
    const why = natLabUnavailable();
    if (why) throw new Error(why);
    const start = (process.pid % 200) + 1;
    let lastError: unknown;
    for (let k = 0; k < 254; k++) {
      const index = ((start + k * 7 - 1) % 254) + 1;
      const plan = natLabPlan(index, opts);
      try {
        await runCmd(plan.setup[0]);
      } catch (e) {
        lastError = e; // taken by another lab: try the next index
        continue;
      }
      const lab = new NatLab(plan);
      live.add(lab);
      if (!exitHook) {
        exitHook = true;
        process.once('exit', () => {
          for (const l of live) l.destroySync();
        });
        // A terminating signal skips 'exit' handlers: tear down, then die of the signal as asked.
        for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
          process.once(sig, () => {
            for (const l of live) l.destroySync();
            process.kill(process.pid, sig);
          });
        }
      }
      try {
        for (const cmd of plan.setup.slice(1)) await runCmd(cmd);
      } catch (e) {
        lab.destroySync();
        throw new Error(`could not build the namespace NAT: ${(e as Error).message}`);
      }
      return lab;
    }
    throw new Error(`no free namespace NAT index: ${(lastError as Error)?.message ?? ''}`);
  }

  get serverAddr(): string {
    return this.plan.serverAddr;
  }

  /** Starts a process in the server namespace; it is killed when the lab is destroyed. */
  spawnInServer(command: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.plan.serverNs, command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** Runs a command in the router namespace and returns its stdout (e.g. `conntrack -L`). */
  async inRouter(command: string, args: string[]): Promise<string> {
    const r = await run('ip', ['netns', 'exec', this.plan.routerNs, command, ...args]);
    return r.stdout;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    await Promise.all([...this.children].map((c) => stopChild(c)));
    this.destroySync();
  }

  private destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    for (const c of this.children) c.kill('SIGKILL');
    for (const cmd of this.plan.teardown) runSync(cmd);
  }
}

function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(() => c.kill('SIGKILL'), 2000);
    c.once('exit', () => {
      clearTimeout(t);
      done();
    });
    c.kill('SIGTERM');
  });
}
