import { describe, expect, it } from 'vitest';
import { Scheduler, SchedulingError } from '../../src/engine/scheduler.js';

describe('Scheduler', () => {
  it('runs handlers in time order and advances the clock', () => {
    const sim = new Scheduler();
    const seen: [number, number][] = [];
    const kind = sim.registerKind((entity) => seen.push([sim.now, entity]));
    const s1 = sim.allocSlot(kind, 1);
    const s2 = sim.allocSlot(kind, 2);
    sim.at(s2, 20);
    sim.at(s1, 10);
    expect(sim.run()).toBe(2);
    expect(seen).toEqual([
      [10, 1],
      [20, 2],
    ]);
  });

  it('lets a handler re-arm its own slot (periodic timer) and stops at `until` with the clock there', () => {
    const sim = new Scheduler();
    let fired = 0;
    const kind = sim.registerKind((_e, slot) => {
      fired++;
      expect(sim.isPending(slot)).toBe(false); // the firing slot is not pending until re-armed
      sim.after(slot, 300);
      expect(sim.isPending(slot)).toBe(true);
    });
    sim.at(sim.allocSlot(kind, 0), 300);
    sim.run(86_400);
    // Fires at 300, 600, …, 86400: 86400 / 300 = 288 times.
    expect(fired).toBe(288);
    expect(sim.now).toBe(86_400);
    expect(sim.queue.size).toBe(1);
  });

  it('removes a fired slot that was not re-armed, and honours cancel from a handler', () => {
    const sim = new Scheduler();
    const order: number[] = [];
    let other = -1;
    const kind = sim.registerKind((e) => {
      order.push(e);
      if (e === 0) sim.cancel(other);
    });
    sim.at(sim.allocSlot(kind, 0), 1);
    other = sim.allocSlot(kind, 1);
    sim.at(other, 2);
    sim.run();
    expect(order).toEqual([0]);
    expect(sim.queue.size).toBe(0);
  });

  it('throws when an event is scheduled in the past or at NaN', () => {
    const sim = new Scheduler();
    const kind = sim.registerKind(() => {});
    const s = sim.allocSlot(kind, 0);
    sim.at(s, 5);
    sim.run();
    expect(() => sim.at(s, 4.999)).toThrow(SchedulingError);
    expect(() => sim.at(s, Number.NaN)).toThrow(SchedulingError);
    expect(() => sim.after(s, -1)).toThrow(/in the past/);
  });

  it('stop() returns after the current event', () => {
    const sim = new Scheduler();
    let n = 0;
    const kind = sim.registerKind((_e, slot) => {
      n++;
      if (n === 3) sim.stop();
      sim.after(slot, 1);
    });
    sim.at(sim.allocSlot(kind, 0), 0);
    sim.run();
    expect(n).toBe(3);
    expect(sim.now).toBe(2);
  });

  it('hands the warm-up events before they fire, and the warm-up changes nothing', () => {
    const run = (warm: boolean) => {
      const sim = new Scheduler();
      const fired: number[] = [];
      let warmedBeforeFiring = 0;
      const warmed = new Set<number>();
      const kind = sim.registerKind((e, slot) => {
        if (warmed.delete(slot)) warmedBeforeFiring++;
        fired.push(e);
        if (sim.now < 2000) sim.after(slot, 1 + (e % 7) * 13.7);
      });
      if (warm) {
        sim.setWarmUp((slots, n) => {
          for (let i = 0; i < n; i++) warmed.add(slots[i]);
          return n;
        });
      }
      for (let i = 0; i < 500; i++) sim.at(sim.allocSlot(kind, i), (i * 7.3) % 100);
      sim.run();
      return { fired, warmedBeforeFiring };
    };
    const warm = run(true);
    expect(warm.fired).toEqual(run(false).fired);
    // Events scheduled far ahead reach the handler through the warm-up (near ones need not).
    expect(warm.warmedBeforeFiring).toBeGreaterThan(warm.fired.length / 2);
  });

  it('is deterministic: the same schedule gives the same firing sequence', () => {
    const trace = () => {
      const sim = new Scheduler();
      const out: number[] = [];
      const kind = sim.registerKind((e, slot) => {
        out.push(e);
        if (sim.now < 50) sim.after(slot, (e % 3) + 1);
      });
      for (let i = 0; i < 10; i++) sim.at(sim.allocSlot(kind, i), i % 4);
      sim.run();
      return out;
    };
    expect(trace()).toEqual(trace());
  });
});
