/**
 * Small pure helpers of the generator: id forms, the Rinaldi type of a channel,
 * ordering and rounding.
 */
import { DEPENDENCY_ID_PREFIX, ID_PREFIX } from '../../graph-schema/vocabulary';
import type { Channel, DependencyType, NodeKind, Sector } from '../../graph-schema/vocabulary';

export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};


/** Node kind from an id's prefix. */
export function kindOfId(id: string): NodeKind | undefined {
  for (const [kind, prefix] of Object.entries(ID_PREFIX) as [NodeKind, string][]) {
    if (prefix !== '' && id.startsWith(prefix)) return kind;
  }
  return /^[A-Z]{2}$/.test(id) ? 'Country' : undefined;
}

/** Rinaldi type by channel: electricity is physical, operation by the supplier is logical, the rest cyber. */
export function dependencyTypeFor(channel: Channel): DependencyType {
  if (channel === 'POWER') return 'PHYSICAL';
  if (channel === 'MANAGED_SERVICE') return 'LOGICAL';
  return 'CYBER';
}

/** `dep:<dependent-slug>--<supplier-slug>--<channel>`, slugs = ids with ':' -> '.'. */
export function dependencyId(dependent: string, supplier: string, channel: Channel): string {
  const slug = (id: string): string => id.replace(':', '.').toLowerCase();
  return `${DEPENDENCY_ID_PREFIX}${slug(dependent)}--${slug(supplier)}--${channel.toLowerCase()}`;
}

export function functionId(country: string, sector: Sector): string {
  return `fn:${country.toLowerCase()}-${sector.toLowerCase().replace(/_/g, '-')}`;
}
