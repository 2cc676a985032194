/**
 * `hbsim trace` records: what happened to the traced phone, when, in words a reader can
 * follow without the source (docs/trace.md lists every event and field).
 *
 * The model notes an event with its own numbers (a loss cause, an app index, a connection
 * slot); `traceRecord` names the app and adds what explains the event: the network the
 * phone is on, the idle timeout of the connection's NAT mapping and whether the radio is
 * up. It only reads the world, so tracing changes nothing in the run. `namedCause` names
 * the loss cause on the way out (src/experiment/trace.ts).
 */
import { CAUSE_NAMES } from './causes.js';
import type { World } from './world.js';

/**
 * The record as `hbsim trace` and `traceRun` hand it out: the loss cause by name. (The
 * model's own records keep the number of src/model/causes.ts, which its tests compare.)
 */
export function namedCause(record: TraceRecord): TraceRecord {
  if (typeof record.cause !== 'number') return record;
  return { ...record, cause: CAUSE_NAMES[record.cause] ?? record.cause };
}

/** One line of `hbsim trace`. */
export interface TraceRecord {
  /** Simulated time, s. */
  t: number;
  phone: number;
  event: string;
  [field: string]: unknown;
}

/** The record of one noted event, numbers named and context added (see docs/trace.md). */
export function traceRecord(
  w: World,
  phone: number,
  t: number,
  event: string,
  fields: Record<string, unknown> = {},
): TraceRecord {
  const out: TraceRecord = { t, phone, event, ...fields };
  if (typeof fields.app === 'number') {
    out.app = w.appNames[w.appNameOf[fields.app]] ?? fields.app;
    out.appIndex = fields.app;
  }
  out.network = w.carriers[w.carrierIdx(phone)]?.name;
  if (typeof fields.conn === 'number') {
    const timeout = w.nat.timeoutOf(fields.conn);
    if (Number.isFinite(timeout)) out.natTimeoutS = timeout;
  }
  out.radio = w.radio.isConnected(phone, t) ? 'up' : 'idle';
  return out;
}
