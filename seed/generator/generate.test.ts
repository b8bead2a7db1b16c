/**
 * The illustrative generator (seed/README.md#rules): valid rows, the structural
 * rules of v2 (core vs IT, web presence, grace, latency), switchable rules that
 * leave the others' draws alone, and the committed counts.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, edgeCarriage } from '../../graph-schema/vocabulary';
import type { Channel, NodeKind } from '../../graph-schema/vocabulary';
import { checkIntegrity } from '../../src/model/integrity';
import type { Located } from '../../src/model/integrity';
import { validateRecord } from '../../src/model/schemas';
import { generateIllustrative, generateWithout, kindOfId, loadFacts, renderIllustrative } from './generate';
import { LATENCY_RANGE, RULE_IDS, RULES, SECTOR_RULES } from './rules';
import type { RuleId } from './rules';
import type { GeneratedDependencyRecord } from './types';

const facts = loadFacts();
const full = generateIllustrative(facts);
const deps = full.dependencies;
const ruleOf = (d: { source: string }): string => d.source.replace(/^.*, rule /, '');
const tally = (rows: readonly GeneratedDependencyRecord[], key: (d: GeneratedDependencyRecord) => string) => {
  const m: Record<string, number> = {};
  for (const d of rows) m[key(d)] = (m[key(d)] ?? 0) + 1;
  return m;
};

/**
 * Which functions a static HARD outage of `origins` for `hours` takes down, under the
 * vocabulary's carriage: an edge passes the outage on when it carries availability and
 * its grace is shorter than the outage; a redundancy group fails when fewer than minAlive
 * of its members are up. Cascaded failures are taken to last as long as the origin's.
 */
function hardCut(origins: readonly string[], hours: number): Set<string> {
  const all = [...facts.dependencies, ...deps] as GeneratedDependencyRecord[];
  const passing = all.filter((d) => {
    const c = edgeCarriage(d.channel, d);
    return c.availability && c.graceHours < hours;
  });
  const byDependent = new Map<string, GeneratedDependencyRecord[]>();
  for (const d of all) byDependent.set(d.dependent, [...(byDependent.get(d.dependent) ?? []), d]);
  const passes = new Set(passing.map((d) => d.id));
  const down = new Set(origins);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [node, edges] of byDependent) {
      if (down.has(node)) continue;
      const groups = new Map<string, { n: number; up: number; minAlive: number }>();
      let fails = false;
      for (const d of edges) {
        const lost = passes.has(d.id) && down.has(d.supplier);
        if (d.redundancyGroup === null) {
          if (lost) fails = true;
          continue;
        }
        const g = groups.get(d.redundancyGroup) ?? { n: 0, up: 0, minAlive: d.minAlive };
        g.n++;
        if (!lost) g.up++;
        groups.set(d.redundancyGroup, g);
      }
      for (const g of groups.values()) if (g.up < g.minAlive) fails = true;
      if (fails) {
        down.add(node);
        changed = true;
      }
    }
  }
  return new Set([...down].filter((id) => id.startsWith('fn:')));
}

describe('generated rows', () => {
  it('validate against seed/schema and the model’s integrity rules', () => {
    const problems = [
      ...full.functions.flatMap((f, i) => validateRecord('functions', f, `functions:${i + 1}`)),
      ...deps.flatMap((d, i) => validateRecord('dependencies', d, `dependencies:${i + 1}`)),
    ];
    expect(problems).toEqual([]);
    const nodeKinds = new Map<string, NodeKind>();
    const nodes: Located<Record<string, unknown> & { id: string }>[] = [];
    const push = (kind: NodeKind, rows: readonly { id: string }[]) => {
      for (const r of rows) {
        nodeKinds.set(r.id, kind);
        nodes.push({ record: r, at: r.id });
      }
    };
    push('Country', facts.countries);
    push('Provider', facts.providers);
    push('Facility', facts.facilities);
    push('Service', facts.services);
    push('Incident', facts.incidents);
    push('CriticalFunction', full.functions);
    const dependencies = [...facts.dependencies, ...deps].map((record) => ({ record, at: record.id }));
    expect(checkIntegrity({ nodes, nodeKinds, dependencies, storedKinds: new Map(), storedDependencies: [] })).toEqual([]);
  });

  it('are byte-identical on a second run', () => {
    expect(renderIllustrative(generateIllustrative(loadFacts()))).toEqual(renderIllustrative(full));
  });

  it('name a listed rule in their source, and the rule list has unique ids with a description and a basis', () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length);
    for (const r of RULES) expect(r.description.length > 10 && r.basis.length > 5, r.id).toBe(true);
    const unknown = deps.filter((d) => !(RULE_IDS as readonly string[]).includes(ruleOf(d)));
    expect(unknown.map((d) => d.id)).toEqual([]);
  });

  it('draw propagation only where the edge carries integrity, and delay only on latency channels', () => {
    const badPropagation = deps.filter((d) => d.propagation > 0 && !edgeCarriage(d.channel, d).integrity);
    expect(badPropagation.map((d) => d.id)).toEqual([]);
    const badDelay = deps.filter((d) => d.delayHours !== 0 && LATENCY_RANGE[d.channel] === undefined);
    expect(badDelay.map((d) => d.id)).toEqual([]);
    // Integrity edges do carry a compromise: every SOFTWARE_UPDATE edge has a rollout lag drawn in 0–72 h.
    const updates = deps.filter((d) => d.channel === 'SOFTWARE_UPDATE');
    expect(updates.every((d) => d.delayHours >= 0 && d.delayHours <= 72)).toBe(true);
    expect(updates.some((d) => d.delayHours > 24)).toBe(true);
  });

  it('set capacityShare on every member of a group or on none, and only in groups', () => {
    const groups = new Map<string, GeneratedDependencyRecord[]>();
    for (const d of deps) {
      if (d.capacityShare !== undefined) expect(d.redundancyGroup, d.id).not.toBeNull();
      if (d.redundancyGroup !== null) groups.set(`${d.dependent}|${d.redundancyGroup}`, [...(groups.get(`${d.dependent}|${d.redundancyGroup}`) ?? []), d]);
    }
    for (const [g, members] of groups) {
      const withShare = members.filter((m) => m.capacityShare !== undefined).length;
      expect(withShare === 0 || withShare === members.length, g).toBe(true);
    }
  });
});

describe('v2 rules', () => {
  const sectorOf = new Map(full.functions.map((f) => [f.id, f.sector]));
  const coreOf = new Map(SECTOR_RULES.map((r) => [r.sector, r.core]));
  const onPremises = (fn: string): boolean => coreOf.get(sectorOf.get(fn)!) === 'ON_PREMISES';

  it('web presence (CDN, DNS, shared web hosting) carries no availability to a function', () => {
    const web = deps.filter((d) => ['B2', 'D1', 'D2'].includes(ruleOf(d)));
    expect(web.length).toBe(477);
    expect(web.every((d) => d.carriesAvailability === false && d.redundancyGroup === null)).toBe(true);
    const fnDeliveryOrDns = deps.filter((d) => d.dependent.startsWith('fn:') && (d.channel === 'CONTENT_DELIVERY' || d.channel === 'DNS'));
    expect(fnDeliveryOrDns.every((d) => !edgeCarriage(d.channel, d).availability)).toBe(true);
  });

  it('operators of essential services have no cloud-hosted core: their HOSTING edges are IT or web, without availability', () => {
    const hosting = deps.filter((d) => d.dependent.startsWith('fn:') && d.channel === 'HOSTING' && onPremises(d.dependent));
    expect(hosting.length).toBeGreaterThan(0);
    for (const d of hosting) {
      const rule = ruleOf(d);
      expect(['B3', 'B2'].includes(rule), d.id).toBe(true);
      expect(d.carriesAvailability, d.id).toBe(false);
    }
    expect(deps.filter((d) => ruleOf(d) === 'B' && onPremises(d.dependent))).toEqual([]);
  });

  it('the IT group holds a function’s cloud IT with equal capacity shares', () => {
    const it = deps.filter((d) => ['B3', 'C6', 'C7'].includes(ruleOf(d)));
    for (const d of it) {
      if (d.redundancyGroup === null) expect(d.capacityShare, d.id).toBeUndefined();
      else {
        expect(d.redundancyGroup).toBe(`${d.dependent}#it`);
        const size = it.filter((x) => x.dependent === d.dependent && x.redundancyGroup === d.redundancyGroup).length;
        expect(d.capacityShare).toBe(Math.round(100 / size) / 100);
      }
      // An on-premises core runs on without its IT; a hosted sector's IT carries the channel's default.
      expect(d.carriesAvailability, d.id).toBe(onPremises(d.dependent) ? false : undefined);
      expect(d.graceHours, d.id).toBeUndefined();
    }
    // Integrity is untouched: an MSP or identity provider's compromise still crosses.
    expect(it.filter((d) => d.channel !== 'HOSTING').every((d) => edgeCarriage(d.channel, d).integrity && d.propagation > 0)).toBe(true);
    expect(tally(it, (d) => (d.redundancyGroup === null ? 'alone' : 'grouped'))).toEqual({ alone: 94, grouped: 274 });
  });

  it('a country’s several TSOs form one group with equal capacity shares', () => {
    const multi = deps.filter((d) => ['A1', 'G2'].includes(ruleOf(d)) && d.redundancyGroup !== null);
    expect(multi.every((d) => d.redundancyGroup === `${d.dependent}#power` && d.minAlive === 1 && d.capacityShare !== undefined)).toBe(true);
    const de = deps.filter((d) => d.dependent === 'fn:de-health' && ruleOf(d) === 'A1');
    expect(de.map((d) => [d.supplier, d.capacityShare])).toEqual([['prov:50hertz', 0.33], ['prov:amprion', 0.33], ['prov:transnetbw', 0.33]]);
  });

  it('POWER edges carry their sector’s backup autonomy, facilities’ generators and network batteries as grace', () => {
    const power = deps.filter((d) => d.channel === 'POWER');
    expect(power.every((d) => d.delayHours === 0)).toBe(true);
    const health = power.filter((d) => sectorOf.get(d.dependent) === 'HEALTH');
    expect(health.length).toBe(72);
    expect(health.every((d) => d.graceHours === 24)).toBe(true);
    const dataCentres = power.filter((d) => ruleOf(d) === 'F1' && facts.facilities.find((f) => f.id === d.dependent)!.kind === 'CLOUD_REGION');
    expect(dataCentres.length).toBeGreaterThan(50);
    expect(dataCentres.every((d) => d.graceHours === 12)).toBe(true);
    expect(power.filter((d) => ruleOf(d) === 'G2').every((d) => d.graceHours === 1)).toBe(true);
    expect(tally(power, (d) => String(d.graceHours ?? CHANNELS.POWER.graceHours))).toEqual({ '0': 298, '1': 122, '12': 210, '24': 184 });
  });

  it('DATA, DNS, IDENTITY and TIMING buffers are grace, not delay', () => {
    const buffered: Channel[] = ['DATA', 'DNS', 'IDENTITY', 'TIMING'];
    const rows = deps.filter((d) => buffered.includes(d.channel));
    expect(rows.every((d) => d.delayHours === 0)).toBe(true);
    expect(rows.filter((d) => d.channel === 'DATA').every((d) => d.graceHours! >= 2 && d.graceHours! <= 24)).toBe(true);
  });

  it('no hosting site takes down more than 2 functions of any country (24 h or open-ended), and update, CDN and DNS services none', () => {
    for (const hours of [24, 1e6]) {
      let worst = { site: '', country: '', lost: 0 };
      for (const f of facts.facilities.filter((x) => x.kind === 'CLOUD_REGION' || x.kind === 'DATA_CENTRE_CAMPUS')) {
        const byCountry = tally(
          [...hardCut([f.id], hours)].map((id) => ({ dependent: id }) as GeneratedDependencyRecord),
          (d) => d.dependent.slice(3, 5),
        );
        for (const [cc, n] of Object.entries(byCountry)) if (n > worst.lost) worst = { site: f.id, country: cc, lost: n };
      }
      expect(worst.lost, `${hours} h: ${worst.site} in ${worst.country}`).toBeLessThanOrEqual(2);
    }
    expect(hardCut(['fac:aws-eu-central-1'], 24).size).toBe(0);
    for (const svc of ['svc:microsoft-windows-update', 'svc:fastly-cdn', 'svc:cloudflare-cdn', 'svc:akamai-cdn', 'svc:cloudflare-dns', 'svc:aws-route53']) {
      expect([...hardCut([svc], 1e6)], svc).toEqual([]);
    }
    // The static cut does fail things: a whole national grid outage past every backup takes Estonia down.
    expect([...hardCut(['prov:elering'], 1e6)].filter((id) => id.startsWith('fn:ee-')).length).toBe(12);
    // A 1 h grid outage: only the functions with no stated backup (and what needs them: defence needs space).
    expect([...hardCut(['prov:elering'], 1)].sort()).toEqual([
      'fn:ee-defence',
      'fn:ee-drinking-water',
      'fn:ee-food',
      'fn:ee-humanitarian',
      'fn:ee-public-administration',
      'fn:ee-space',
      'fn:ee-transport',
    ]);
  });
});

describe('leaving rules out', () => {
  const drawn = (d: GeneratedDependencyRecord) => [d.strength, d.propagation, d.delayHours, d.graceHours, d.recoveryHours];

  it('rejects an unknown rule id', () => {
    expect(() => generateWithout(facts, ['Z9' as RuleId])).toThrow(/unknown generator rule 'Z9'/);
  });

  it('removes exactly that rule’s rows and leaves every other row’s draws unchanged', () => {
    const fullIds = new Set(full.dependencies.map((d) => d.id));
    for (const rule of RULE_IDS) {
      const rows = generateWithout(facts, [rule]).dependencies;
      expect(rows.filter((d) => ruleOf(d) === rule), rule).toEqual([]);
      const byId = new Map(rows.map((d) => [d.id, d]));
      const left = full.dependencies.filter((d) => ruleOf(d) !== rule);
      for (const d of left) {
        const other = byId.get(d.id);
        expect(other, `${rule}: ${d.id}`).toBeDefined();
        expect(drawn(other!), `${rule}: ${d.id}`).toEqual(drawn(d));
      }
      // New rows appear only where the left-out rule had taken the same (dependent, supplier, channel).
      const removed = new Set(full.dependencies.filter((d) => ruleOf(d) === rule).map((d) => d.id));
      const extra = rows.filter((d) => !fullIds.has(d.id));
      expect(extra.filter((d) => !removed.has(d.id)).map((d) => d.id), rule).toEqual([]);
      // The functions stay.
      expect(generateWithout(facts, [rule]).functions).toEqual(full.functions);
    }
  });

  it('leaving everything out leaves no generated dependency', () => {
    expect(generateWithout(facts, RULE_IDS).dependencies).toEqual([]);
  });
});

describe('committed counts (generator v2)', () => {
  it('by channel and by (dependent kind, supplier kind)', () => {
    expect(full.functions.length).toBe(384);
    expect(deps.length).toBe(4178);
    expect(tally(deps, (d) => d.channel)).toEqual({
      CONNECTIVITY: 1074,
      SOFTWARE_UPDATE: 845,
      POWER: 814,
      HOSTING: 482,
      CONTENT_DELIVERY: 220,
      SATELLITE_LINK: 202,
      IDENTITY: 181,
      DNS: 155,
      DATA: 84,
      MANAGED_SERVICE: 71,
      TIMING: 32,
      REMOTE_ADMIN: 18,
    });
    expect(tally(deps, (d) => `${kindOfId(d.dependent)}->${kindOfId(d.supplier)}`)).toEqual({
      'CriticalFunction->Service': 2072,
      'CriticalFunction->Provider': 480,
      'CriticalFunction->CriticalFunction': 468,
      'CriticalFunction->Facility': 233,
      'Facility->Facility': 276,
      'Facility->Service': 204,
      'Facility->Provider': 138,
      'Service->Facility': 249,
      'Service->Provider': 50,
      'Service->Service': 8,
    });
  });
});
