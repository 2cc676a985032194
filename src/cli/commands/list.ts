import { Argument, type Command } from 'commander';
import { metricInfo } from '../../report/metrics.js';
import { CARRIER_PRESETS, CARRIER_SETS, RADIO_PRESET_INFO } from '../../scenario/presets.js';
import { listStrategies } from '../../strategies/registry.js';
import type { CliIo } from '../io.js';
import { METRIC_DOCS } from '../metricList.js';

/** One listed thing: a name, what it is, where its numbers or definition come from. */
interface Item {
  name: string;
  description: string;
  source: string;
}

interface Section {
  title: string;
  items: Item[];
}

const KINDS = ['strategies', 'presets', 'metrics'] as const;
type Kind = (typeof KINDS)[number];

function sections(kind: Kind): Section[] {
  switch (kind) {
    case 'strategies':
      return [
        {
          title: 'Strategy types (strategies: [{type: <name>}]):',
          items: listStrategies().map((s) => ({
            name: s.type,
            description: `${s.description} Timed from the ${s.timing}.`,
            source: s.source,
          })),
        },
      ];
    case 'presets':
      return [
        { title: 'Carrier presets (carriers: [<name>]):', items: [...CARRIER_PRESETS] },
        {
          title: 'Carrier sets (carriers: <name>):',
          items: CARRIER_SETS.map((s) => ({
            ...s,
            description: `${s.carriers.join(', ')}. ${s.description}`,
          })),
        },
        {
          title: 'Radio presets (radio: <name>):',
          items: Object.entries(RADIO_PRESET_INFO).map(([name, r]) => ({ name, ...r })),
        },
      ];
    case 'metrics':
      return [
        {
          title: 'Metrics (summary.json, per strategy: mean and 95% CI):',
          items: METRIC_DOCS.map((m) => {
            const unit = metricInfo(m.name).unit;
            return { ...m, description: unit ? `${m.description} [${unit}]` : m.description };
          }),
        },
      ];
  }
}

function render(list: Section[]): string {
  const width = Math.max(...list.flatMap((s) => s.items.map((i) => i.name.length))) + 2;
  const pad = ' '.repeat(width + 2);
  const lines: string[] = [];
  for (const s of list) {
    if (lines.length) lines.push('');
    lines.push(s.title);
    for (const i of s.items) {
      lines.push(`  ${i.name.padEnd(width)}${i.description}`);
      lines.push(`${pad}source: ${i.source}`);
    }
  }
  if (list.some((s) => s.items.some((i) => i.source.includes('sources: ')))) {
    lines.push(
      '',
      '"sources: KEY" names an entry of docs/sources.md (full reference, table or file:line).',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('list built-in strategies, presets or metrics, each with its source')
    .addArgument(new Argument('<what>', 'what to list').choices(KINDS))
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
Examples:
  hbsim list strategies
  hbsim list presets
  hbsim list metrics --json`,
    )
    .action((what: Kind, opts: { json?: boolean }) => {
      const list = sections(what);
      if (opts.json) {
        const plain = list.map((s) => ({
          title: s.title,
          items: s.items.map(({ name, description, source }) => ({ name, description, source })),
        }));
        io.out(`${JSON.stringify(plain, null, 2)}\n`);
      } else {
        io.out(render(list));
      }
    });
}
