import type { CarrierConfig, NatConfig, RadioConfig } from '../model/config.js';
import { RADIO_PRESETS } from '../model/radioPresets.js';
import { DEFAULTS } from './defaults.js';
import type { RawIssue } from './errors.js';
import { type CarrierPreset, carrierPreset, carrierSet } from './presets.js';
import type { CarrierInput, RadioInput } from './schema/carrier.js';
import type { ScenarioInput } from './schema/scenario.js';

/**
 * Carrier entries → CarrierConfig. Precedence, lowest first: the ordinary defaults, the
 * carrier preset, the radio preset named in `radio`, then every field the user wrote.
 */

function clean<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function radioFor(
  input: RadioInput | undefined,
  preset: CarrierPreset | undefined,
  kind: string,
): RadioConfig {
  const fallback = preset?.radio ?? (kind === 'wifi' ? 'wifi' : 'lte');
  if (typeof input === 'string') return structuredClone(RADIO_PRESETS[input]);
  const { preset: radioPreset, ...overrides } = input ?? {};
  const base = structuredClone(RADIO_PRESETS[radioPreset ?? fallback]);
  // A constant promotion delay written by the user replaces the preset's spread.
  if (overrides.promotionDelayS !== undefined && overrides.promotionDelay === undefined)
    delete base.promotionDelay;
  return { ...base, ...clean(overrides) };
}

function natFor(input: CarrierInput, preset: CarrierPreset | undefined): NatConfig {
  const nat = typeof input === 'string' ? undefined : input.nat;
  const out: NatConfig = {
    idleTimeout:
      nat?.idleTimeout ??
      (preset
        ? structuredClone(preset.idleTimeout)
        : { type: 'constant', value: DEFAULTS.natIdleTimeoutS.value }),
    timeoutScope: nat?.timeoutScope ?? DEFAULTS.natTimeoutScope.value,
    expiryTickS: nat?.expiryTick ?? DEFAULTS.natExpiryTickS.value,
    refreshOn: nat?.refreshOn ?? DEFAULTS.natRefreshOn.value,
    expiredPacket: nat?.expiredPacket ?? DEFAULTS.natExpiredPacket.value,
    capacity: nat?.capacity ?? DEFAULTS.natCapacity.value,
    onFull: nat?.onFull ?? DEFAULTS.natOnFull.value,
    boxes: nat?.boxes ?? DEFAULTS.natBoxes.value,
  };
  if (nat?.timeoutByHour) out.timeoutByHour = nat.timeoutByHour;
  return out;
}

function kindFor(input: CarrierInput, preset: CarrierPreset | undefined): CarrierConfig['kind'] {
  if (typeof input !== 'string' && input.kind) return input.kind;
  if (preset) return preset.kind;
  const radio = typeof input === 'string' ? undefined : input.radio;
  const tech = typeof radio === 'string' ? radio : (radio?.technology ?? radio?.preset);
  return tech === 'wifi' ? 'wifi' : 'cellular';
}

function resolveOne(input: CarrierInput, index: number): CarrierConfig {
  const presetName = typeof input === 'string' ? input : input.preset;
  const preset = presetName === undefined ? undefined : carrierPreset(presetName);
  const kind = kindFor(input, preset);
  const obj = typeof input === 'string' ? undefined : input;
  return {
    name: obj?.name ?? preset?.name ?? `carrier${index + 1}`,
    kind,
    radio: radioFor(obj?.radio, preset, kind),
    nat: natFor(input, preset),
    rtt: obj?.rtt ?? structuredClone(DEFAULTS.rtt.value),
  };
}

export function resolveCarriers(
  input: ScenarioInput['carriers'],
  issues: RawIssue[],
): CarrierConfig[] {
  const entries: CarrierInput[] =
    typeof input === 'string' ? [...(carrierSet(input)?.carriers ?? [])] : input;
  const carriers = entries.map(resolveOne);
  const seen = new Map<string, number>();
  carriers.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first === undefined) {
      seen.set(c.name, i);
      return;
    }
    const written = typeof input !== 'string' && typeof entries[i] !== 'string';
    issues.push({
      path: written ? ['carriers', i, 'name'] : ['carriers', i],
      expected: 'a carrier name used once',
      found: JSON.stringify(c.name),
      message: `duplicate carrier name "${c.name}" (also carriers[${first}])`,
      hint: 'give each carrier a name:',
    });
  });
  return carriers;
}
