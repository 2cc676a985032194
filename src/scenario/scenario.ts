import type {
  CarrierConfig,
  PhoneGroupConfig,
  ScriptedEvent,
  ServerConfig,
  StrategySpec,
} from '../model/config.js';
import type { SweepPoint } from './sweep.js';
import type { TuneSpec } from './tune.js';

/**
 * A scenario with every default applied and every preset expanded: what `hbsim validate`
 * accepted and what the experiment layer runs. Times in seconds. `toRunConfig` cuts one
 * run (strategy × replication) out of it.
 */
export interface Scenario {
  name: string;
  description: string;
  /** Master seed; each replication derives its streams from (seed, replication, purpose, entity). */
  seed: number;
  /** The measured window of every run (the warm-up, if any, runs before it). */
  durationS: number;
  /** Steady-state (metrics after a warm-up) or terminating (the whole horizon counts). */
  analysis: 'steady-state' | 'terminating';
  /**
   * Where the warm-up comes from: 'explicit' (the file's `warmup`), 'auto' (steady state
   * without `warmup`: MSER-5 on pilot runs, src/experiment/warmup.ts), 'none' (terminating
   * without `warmup`).
   */
  warmupMode: 'explicit' | 'auto' | 'none';
  /**
   * The warm-up, simulated before the measured window of `durationS`; with warmupMode
   * 'auto' 0 until the pilot runs have chosen it.
   */
  warmupS: number;
  /** The longest automatic warm-up (pilots double until half of one reaches it). */
  warmupLimitS: number;
  replications: number;
  /** Name of the strategy the others are compared with (vsBaseline). */
  baseline: string;
  carriers: CarrierConfig[];
  groups: PhoneGroupConfig[];
  server: ServerConfig;
  events: ScriptedEvent[];
  strategies: StrategySpec[];
  /** Phones first connect at a uniform time in [0, startSpreadS). */
  startSpreadS: number;
  handshakeRtts: number;
  bucketS: number;
  intervalSamplePhones: number;
  tracePhone: number;
  /** Total phones over all groups. */
  phones: number;
  /** Report options that do not change results (not part of the hash). */
  output: { dir?: string; charts: boolean };
  /** Expanded sweep grid; empty when the scenario has no sweep. */
  sweep: SweepPoint[];
  /** The `tune:` block, resolved (hbsim tune); not part of the hash, like output. */
  tune?: TuneSpec;
  /** Set on the scenario of one sweep point (see scenarioAtPoint). */
  point?: SweepPoint;
  /** sha256 of the canonical JSON of everything above except output, first 12 hex digits. */
  hash: string;
  /** The file as the user named it; undefined for the built-in default. */
  file?: string;
  /** The document as validated (after --set), kept so that sweep points can be resolved. */
  document: unknown;
}
