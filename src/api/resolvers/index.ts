/** All resolvers, merged: one file per schema file. */
import type { Resolvers } from '../../generated/resolvers';
import { accessResolvers } from './access';
import { hiddenResolvers } from './hidden';
import { commonResolvers } from './common';
import { countryResolvers } from './country';
import { countrySummaryResolvers } from './country-summary';
import { criticalFunctionResolvers } from './critical-function';
import { dependencyResolvers } from './dependency';
import { facilityResolvers } from './facility';
import { graphViewResolvers } from './graph-view';
import { incidentResolvers } from './incident';
import { pathResolvers } from './path';
import { providerResolvers } from './provider';
import { serviceResolvers } from './service';
import { batchResolvers } from './batch';
import { blastRadiusResolvers } from './blast-radius';
import { rankingsResolvers } from './rankings';
import { scenarioResolvers } from './scenario';
import { stressTestResolvers } from './stress-test';

const all: Resolvers[] = [
  accessResolvers,
  commonResolvers,
  countryResolvers,
  providerResolvers,
  facilityResolvers,
  serviceResolvers,
  criticalFunctionResolvers,
  incidentResolvers,
  dependencyResolvers,
  pathResolvers,
  countrySummaryResolvers,
  blastRadiusResolvers,
  rankingsResolvers,
  stressTestResolvers,
  scenarioResolvers,
  graphViewResolvers,
  hiddenResolvers,
  batchResolvers,
];

export function mergeResolvers(parts: readonly Resolvers[] = all): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged;
}
