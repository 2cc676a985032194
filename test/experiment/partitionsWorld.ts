/**
 * The world of the partition identity tests (partitions.test.ts at 1 000 phones,
 * partitions20k.test.ts at 20 000): every per-phone feature a partition must key by global
 * id — three groups over two carriers (phone- and box-scoped NAT timeouts), per-app
 * connections, moves between carriers, outages, background use, Doze, paging (LTE preset),
 * a learning policy and a fixed one — and scripted events that hit every partition at once.
 */
export interface PartitionsWorld {
  name: string;
  /** `duration:` and, when given, `warmup:` (else the automatic warm-up with its pilots). */
  duration: string;
  warmup?: string;
  /** Phones of the chat, movers and dozers groups. */
  counts: [number, number, number];
  /** NAT boxes of the Wi-Fi carrier. */
  boxes: number;
  /** The `events:` list, one flow mapping per entry. */
  events: string[];
}

export function partitionsWorld(w: PartitionsWorld): string {
  const [chat, movers, dozers] = w.counts;
  return `name: ${w.name}
duration: ${w.duration}
${w.warmup ? `warmup: ${w.warmup}\n` : ''}replications: 1
carriers:
  - { name: lte, preset: lte-10to30min }
  - { name: wifi, preset: wifi-home, nat: { timeoutScope: box, boxes: ${w.boxes} } }
groups:
  - name: chat
    count: ${chat}
    carrier: lte
    architecture: per-app
    apps: [{ name: chat, pushRatePerHour: 4 }, { name: mail, pushRatePerHour: 1 }]
    outages: { ratePerDay: 6, duration: { dist: exponential, mean: 5m } }
  - name: movers
    count: ${movers}
    networks:
      - { carrier: wifi, meanDwell: 40m }
      - { carrier: lte, meanDwell: 30m }
    background: { ratePerHour: 2, duration: { dist: lognormal, median: 30s, sigma: 1 } }
  - name: dozers
    count: ${dozers}
    carrier: wifi
    doze: true
strategies:
  - { name: fixed-4.5min, type: fixed, params: { intervalS: 4.5m } }
  - binary-search
events:
${w.events.map((e) => `  - ${e}\n`).join('')}`;
}
