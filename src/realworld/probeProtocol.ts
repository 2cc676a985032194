/**
 * The line protocol between `hbsim probe` and `hbsim probe-server` (ASCII, one command per
 * connection, each line ≤ 64 bytes):
 *
 *   client: HBPROBE1 WAIT <ms>          server: OK, then PING after <ms> of silence
 *   client: HBPROBE1 DRIP <ms> <n>      server: OK, then D every <ms>, n times, the last one PING
 *   client: ECHO (at any time)          server: ECHO
 *
 * The silence is timed at the server from the moment it wrote OK, the last packet of the
 * exchange (the client's TCP acknowledgement of OK follows within its delayed-ACK time,
 * ≤ 40 ms on Linux): that is the idle time the NAT sees.
 */
export const PROBE_MAGIC = 'HBPROBE1';
export const MAX_LINE = 64;
/** The longest silence a server agrees to time (a day: longer than any carrier timeout measured). */
export const MAX_WAIT_MS = 24 * 3600 * 1000;
export const MAX_DRIP = 10_000;

export type ProbeRequest =
  | { kind: 'wait'; ms: number }
  | { kind: 'drip'; periodMs: number; count: number }
  | { kind: 'echo' };

export function formatRequest(r: ProbeRequest): string {
  if (r.kind === 'wait') return `${PROBE_MAGIC} WAIT ${Math.round(r.ms)}\n`;
  if (r.kind === 'drip') return `${PROBE_MAGIC} DRIP ${Math.round(r.periodMs)} ${r.count}\n`;
  return 'ECHO\n';
}

/** Parses one request line (without its newline); a string says why it is not one. */
export function parseRequest(line: string): ProbeRequest | string {
  if (line === 'ECHO') return { kind: 'echo' };
  const parts = line.split(' ');
  if (parts[0] !== PROBE_MAGIC) return `not a probe request: ${JSON.stringify(line.slice(0, 20))}`;
  const nums = parts.slice(2).map((p) => (/^\d{1,9}$/.test(p) ? Number(p) : Number.NaN));
  if (parts[1] === 'WAIT' && nums.length === 1 && nums[0] >= 0 && nums[0] <= MAX_WAIT_MS) {
    return { kind: 'wait', ms: nums[0] };
  }
  if (
    parts[1] === 'DRIP' &&
    nums.length === 2 &&
    nums[0] >= 1 &&
    nums[1] >= 1 &&
    nums[1] <= MAX_DRIP &&
    nums[0] * nums[1] <= MAX_WAIT_MS
  ) {
    return { kind: 'drip', periodMs: nums[0], count: nums[1] };
  }
  return `bad probe request: ${JSON.stringify(line.slice(0, MAX_LINE))}`;
}
