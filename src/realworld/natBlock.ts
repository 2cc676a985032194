import type { ProbeReport } from './probe.js';

function num(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/**
 * The `carriers[]` entry a probe measured, as YAML ready to paste into a scenario: the idle
 * timeout is uniform over the measured bracket (the measurement cannot say more), with the
 * date, server and method in comments.
 */
export function natBlockYaml(r: ProbeReport, carrierName: string): string {
  const lines = [
    `# Measured by hbsim probe against ${r.server} on ${r.date}`,
    `# status ${r.status}: ${r.rounds} rounds, ${r.connections} connections, ${num(r.wallS)} s; median RTT ${num(r.rttMedianS * 1000)} ms`,
  ];
  const hi = Number.isFinite(r.bounds.hi) ? r.bounds.hi : undefined;
  if (r.status === 'above-max' || hi === undefined) {
    lines.push(
      `# every silence up to ${num(r.bounds.lo)} s survived: the timeout is longer; probe again with a larger --max`,
    );
  } else if (r.status === 'below-min') {
    lines.push(
      `# even ${num(hi)} s of silence expired: the timeout is shorter; probe with a smaller --min`,
    );
  } else {
    lines.push(
      `# idle timeout in (${num(r.bounds.lo)} s, ${num(hi)} s], midpoint ${num((r.bounds.lo + hi) / 2)} s ± ${num((hi - r.bounds.lo) / 2)} s`,
    );
  }
  if (r.mixed.length) lines.push(`# confirmations disagreed at ${r.mixed.map(num).join(', ')} s`);
  lines.push(
    `# expired mappings: ${r.expired.drop} dropped a late client packet, ${r.expired.rst} answered it with a RST`,
  );
  if (r.inboundRefreshes === undefined)
    lines.push('# inbound refresh: not tested (refreshOn below is the default)');
  const timeout =
    hi !== undefined && r.status !== 'below-min' && r.status !== 'above-max'
      ? `{ dist: uniform, min: ${num(Math.max(r.bounds.lo, 0.001))}, max: ${num(hi)} }`
      : `{ dist: constant, value: ${num(hi ?? r.bounds.lo)} }`;
  lines.push(
    'carriers:',
    `  - name: ${carrierName}`,
    '    nat:',
    `      idleTimeout: ${timeout}`,
    `      refreshOn: ${r.inboundRefreshes === false ? 'outbound' : 'both'}`,
    `      expiredPacket: ${r.expiredPacket === 'rst' ? 'rst' : 'drop'}`,
  );
  return `${lines.join('\n')}\n`;
}
