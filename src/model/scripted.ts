import { Cause } from './causes.js';
import { goOffline, goOnline } from './mobility.js';
import { closeSession } from './server.js';
import { injectPush } from './traffic.js';
import type { World } from './world.js';

/**
 * Scripted faults at given times (docs/model.md §3–4): a carrier NAT reset that silently drops
 * every mapping, a server restart that drops every session (and refuses connects while
 * down), and a carrier-wide coverage outage. Each event has a start slot and, where it
 * lasts, an end slot (entity = 2·index + 1).
 */
export function onScripted(w: World, entity: number): void {
  const t = w.sim.now;
  const ev = w.config.events[entity >> 1];
  const ending = (entity & 1) === 1;
  switch (ev.type) {
    case 'nat-reset':
      w.nat.reset(w.carrierIndex(ev.carrier), t);
      return;
    case 'server-restart':
      for (let c = 0; c < w.connections; c++) closeSession(w, c, t, Cause.serverRestart);
      w.srvDownUntil = t + ev.downtimeS;
      return;
    case 'push': {
      // A phone of another population partition: that partition injects the push.
      const p = ev.phone - w.phoneBase;
      if (ev.phone >= 0 && ev.phone < w.totalPhones && (p < 0 || p >= w.phones)) return;
      const a = w.appOf(p, ev.app);
      injectPush(w, a, t);
      return;
    }
    case 'outage': {
      // The phones on the carrier when it starts are the ones that come back when it ends.
      const carrier = w.carrierIndex(ev.carrier);
      const mark = (entity >> 1) + 1;
      for (let p = 0; p < w.phones; p++) {
        if (ending) {
          if (w.phoneScripted[p] !== mark) continue;
          w.phoneScripted[p] = 0;
          goOnline(w, p, t);
        } else if (w.carrierIdx(p) === carrier && w.phoneScripted[p] === 0) {
          w.phoneScripted[p] = mark;
          goOffline(w, p, t);
        }
      }
      if (!ending) w.sim.at(w.scriptedSlot + entity + 1, t + ev.durationS);
      return;
    }
  }
}
