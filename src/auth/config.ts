/**
 * Sign-in settings from the environment (README, "Sign-in"):
 *
 * - LINCHPIN_DEV_OPEN=1: no sign-in at all; every request is an administrator
 *   without organisation (sees CLEAR and GREEN). The server says so at start and on every page.
 * - Local tokens (HS256): the server signs short-lived tokens for holders of an API key
 *   (POST /auth/token). LINCHPIN_JWT_SECRET (≥ 32 bytes) or a secret generated on first run.
 * - An organisation's identity provider (OIDC: Keycloak, Entra ID, …): LINCHPIN_OIDC_ISSUER,
 *   LINCHPIN_OIDC_AUDIENCE and LINCHPIN_OIDC_JWKS_URL (RS256/ES256 keys); roles, organisation
 *   and name from the claims named by LINCHPIN_OIDC_ROLES_CLAIM (dotted path; default `roles`,
 *   e.g. `realm_access.roles` for Keycloak), LINCHPIN_OIDC_ORG_CLAIM (default `org`) and
 *   LINCHPIN_OIDC_NAME_CLAIM (default `name`).
 */
import { ValidationError } from '../errors';

export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  rolesClaim: string;
  organisationClaim: string;
  nameClaim: string;
}

export interface AuthConfig {
  devOpen: boolean;
  /** HS256 secret for local tokens. */
  localSecret: Uint8Array;
  localIssuer: string;
  localAudience: string;
  /** Seconds a local token lives. */
  localTokenSeconds: number;
  oidc: OidcConfig | null;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv, fallbackSecret: () => Uint8Array): AuthConfig {
  const secret = env.LINCHPIN_JWT_SECRET;
  if (secret !== undefined && Buffer.byteLength(secret) < 32) {
    throw new ValidationError('LINCHPIN_JWT_SECRET must be at least 32 bytes long');
  }
  const oidcIssuer = env.LINCHPIN_OIDC_ISSUER;
  let oidc: OidcConfig | null = null;
  if (oidcIssuer) {
    const audience = env.LINCHPIN_OIDC_AUDIENCE;
    const jwksUrl = env.LINCHPIN_OIDC_JWKS_URL;
    if (!audience || !jwksUrl) throw new ValidationError('LINCHPIN_OIDC_ISSUER needs LINCHPIN_OIDC_AUDIENCE and LINCHPIN_OIDC_JWKS_URL');
    oidc = {
      issuer: oidcIssuer,
      audience,
      jwksUrl,
      rolesClaim: env.LINCHPIN_OIDC_ROLES_CLAIM ?? 'roles',
      organisationClaim: env.LINCHPIN_OIDC_ORG_CLAIM ?? 'org',
      nameClaim: env.LINCHPIN_OIDC_NAME_CLAIM ?? 'name',
    };
  }
  const ttl = Number(env.LINCHPIN_TOKEN_SECONDS ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) throw new ValidationError(`LINCHPIN_TOKEN_SECONDS=${env.LINCHPIN_TOKEN_SECONDS} must be an integer in 60..86400`);
  return {
    devOpen: env.LINCHPIN_DEV_OPEN === '1',
    localSecret: secret !== undefined ? new TextEncoder().encode(secret) : fallbackSecret(),
    localIssuer: 'linchpin',
    localAudience: 'linchpin',
    localTokenSeconds: ttl,
    oidc,
  };
}
