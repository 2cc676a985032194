import { AOSP_DOZE } from '../model/doze.js';
import { WHILE_IDLE_PRESETS } from '../model/whileIdle.js';
import type { AppConfig, CarrierConfig, NetworkStay, PhoneGroupConfig } from '../model/config.js';
import { DEFAULTS } from './defaults.js';
import { BATTERY_PRESETS } from './presets.js';
import type { PathSegment, RawIssue } from './errors.js';
import type { GroupInput } from './schema/group.js';
import { didYouMean } from './suggest.js';

/**
 * Phone group entries → PhoneGroupConfig: carrier references checked, the single-carrier
 * shorthand turned into a one-network list, architecture-specific blocks checked against
 * the architecture (sms-wakeup needs an sms: block; blocks of other architectures are kept
 * unused, so one scenario can sweep the architecture).
 */

/** With one network a phone never switches: its stay is unbounded. */
const FOREVER = Number.POSITIVE_INFINITY;

function checkCarrier(
  name: string,
  carriers: CarrierConfig[],
  at: PathSegment[],
  issues: RawIssue[],
): void {
  const names = carriers.map((c) => c.name);
  if (names.includes(name)) return;
  issues.push({
    path: at,
    expected: `a carrier of this scenario (${names.join(', ')})`,
    found: JSON.stringify(name),
    message: `unknown carrier "${name}"`,
    hint: didYouMean(name, names),
  });
}

function networksFor(
  g: GroupInput,
  at: PathSegment[],
  carriers: CarrierConfig[],
  issues: RawIssue[],
): NetworkStay[] {
  if (g.carrier !== undefined && g.networks !== undefined) {
    issues.push({
      path: [...at, 'networks'],
      expected: 'either carrier: or networks:, not both',
      found: 'both',
    });
    return [];
  }
  if (g.networks) {
    const switching = g.networks.length > 1;
    return g.networks.map((n, j) => {
      checkCarrier(n.carrier, carriers, [...at, 'networks', j, 'carrier'], issues);
      if (switching && n.meanDwell === undefined) {
        issues.push({
          path: [...at, 'networks', j, 'meanDwell'],
          expected: 'a mean dwell time (phones switch between networks)',
          found: 'nothing',
          message: 'missing; expected the mean time spent on this network, like 8h',
        });
      }
      return { carrier: n.carrier, meanDwellS: n.meanDwell ?? FOREVER };
    });
  }
  const carrier = g.carrier ?? (carriers.length === 1 ? carriers[0].name : undefined);
  if (carrier === undefined) {
    issues.push({
      path: [...at, 'carrier'],
      expected: `carrier: (one of ${carriers.map((c) => c.name).join(', ')}) or networks: [...]`,
      found: 'nothing',
      message: 'missing; with several carriers each group must say which one it uses',
    });
    return [];
  }
  checkCarrier(carrier, carriers, [...at, 'carrier'], issues);
  return [{ carrier, meanDwellS: FOREVER }];
}

function appsFor(g: GroupInput, at: PathSegment[], issues: RawIssue[]): AppConfig[] {
  const inputs = g.apps ?? [{ pushRatePerHour: DEFAULTS.pushRatePerHour.value }];
  const apps = inputs.map((a, j): AppConfig => {
    const app: AppConfig = {
      name:
        'name' in a && a.name !== undefined
          ? a.name
          : j === 0
            ? DEFAULTS.appName.value
            : `app${j + 1}`,
      pushRatePerHour: a.pushRatePerHour,
    };
    if ('profile' in a && a.profile) {
      if (!a.profile.some((w) => w > 0)) {
        issues.push({
          path: [...at, 'apps', j, 'profile'],
          expected: 'at least one weight > 0',
          found: 'all zeros',
        });
      }
      app.profile = a.profile;
    }
    return app;
  });
  const names = new Set<string>();
  apps.forEach((a, j) => {
    if (names.has(a.name)) {
      issues.push({
        path: [...at, 'apps', j, 'name'],
        expected: 'an app name used once in the group',
        found: JSON.stringify(a.name),
      });
    }
    names.add(a.name);
  });
  return apps;
}

function architectureBlocks(
  g: GroupInput,
  at: PathSegment[],
  out: PhoneGroupConfig,
  issues: RawIssue[],
): void {
  // A block for another architecture is kept but unused, so a sweep over
  // groups.N.architecture can carry the polling: and sms: settings of every point.
  if (g.architecture === 'polling' || g.polling) {
    const p = g.polling;
    out.polling = {
      intervalS: p?.interval ?? DEFAULTS.pollingIntervalS.value,
      jitterS: p?.jitter ?? DEFAULTS.pollingJitterS.value,
      keepConnection: p?.keepConnection ?? DEFAULTS.pollingKeepConnection.value,
    };
  }
  if (g.sms) out.sms = { delay: g.sms.delay, signalingPerSms: g.sms.signalingPerSms };
  else if (g.architecture === 'sms-wakeup') {
    issues.push({
      path: [...at, 'sms'],
      expected: 'sms: {delay: <distribution>, signalingPerSms: <number>}',
      found: 'nothing',
      message: 'missing; architecture sms-wakeup needs an sms: block (no sourced default exists)',
    });
  }
}

/** The group's battery: its preset (or the default one), with capacity/voltage overrides. */
function batteryFor(g: GroupInput): { capacityMah: number; voltageV: number } {
  const preset = BATTERY_PRESETS[g.battery.preset ?? DEFAULTS.batteryPreset.value];
  return {
    capacityMah: g.battery.capacityMah ?? preset.capacityMah,
    voltageV: g.battery.voltageV ?? preset.voltageV,
  };
}

function resolveOne(
  g: GroupInput,
  i: number,
  carriers: CarrierConfig[],
  issues: RawIssue[],
): PhoneGroupConfig {
  const at: PathSegment[] = ['groups', i];
  const out: PhoneGroupConfig = {
    name: g.name ?? `group${i + 1}`,
    count: g.count,
    networks: networksFor(g, at, carriers, issues),
    battery: batteryFor(g),
    architecture: g.architecture,
    apps: appsFor(g, at, issues),
  };
  if (g.outages) out.outages = { ratePerDay: g.outages.ratePerDay, duration: g.outages.duration };
  if (g.background) {
    out.background = { ratePerHour: g.background.ratePerHour, duration: g.background.duration };
    if (g.background.profile) {
      if (!g.background.profile.some((w) => w > 0)) {
        issues.push({
          path: [...at, 'background', 'profile'],
          expected: 'at least one weight > 0',
          found: 'all zeros',
        });
      }
      out.background.profile = g.background.profile;
    }
  }
  if (g.alignment) out.alignment = { periodS: g.alignment.period };
  if (g.doze) {
    const d = g.doze === true ? {} : g.doze;
    out.doze = {
      toDeepIdleS: d.toDeepIdle ?? AOSP_DOZE.toDeepIdleS,
      idleS: d.idle ?? AOSP_DOZE.idleS,
      idleFactor: d.idleFactor ?? AOSP_DOZE.idleFactor,
      maxIdleS: d.maxIdle ?? AOSP_DOZE.maxIdleS,
      windowS: d.window ?? AOSP_DOZE.windowS,
      windowFactor: d.windowFactor ?? AOSP_DOZE.windowFactor,
      maxWindowS: d.maxWindow ?? AOSP_DOZE.maxWindowS,
    };
    if (d.pushPriority) out.dozePushPriority = d.pushPriority;
    if (d.whileIdle) {
      out.dozeWhileIdle =
        typeof d.whileIdle === 'string'
          ? { ...WHILE_IDLE_PRESETS[d.whileIdle] }
          : { quota: d.whileIdle.quota, windowS: d.whileIdle.window };
    }
  }
  architectureBlocks(g, at, out, issues);
  return out;
}

export function resolveGroups(
  inputs: readonly GroupInput[],
  carriers: CarrierConfig[],
  issues: RawIssue[],
): PhoneGroupConfig[] {
  const groups = inputs.map((g, i) => resolveOne(g, i, carriers, issues));
  const seen = new Map<string, number>();
  groups.forEach((g, i) => {
    const first = seen.get(g.name);
    if (first === undefined) seen.set(g.name, i);
    else
      issues.push({
        path: ['groups', i, 'name'],
        expected: 'a group name used once',
        found: JSON.stringify(g.name),
        message: `duplicate group name "${g.name}" (also groups[${first}])`,
      });
  });
  if (groups.length > 0 && groups.every((g) => g.count === 0)) {
    issues.push({ path: ['groups'], expected: 'at least one phone', found: 'every count is 0' });
  }
  return groups;
}
