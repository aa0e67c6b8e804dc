/** The fixture world (docs/fixture.md). Tests, examples and scenarios rely on these ids. */
export const fixture = {
  organizations: {
    monogram: 'monogram-labs',
    acme: 'acme',
    northwind: 'northwind',
    unclaimed: 'unclaimed-demo',
  },
  keys: {
    monogramWrite: 'pk_monogram_write',
    monogramRead: 'pk_monogram_read',
    monogramTokyo: 'pk_monogram_tokyo',
    acmeWrite: 'pk_acme_write',
    northwindWrite: 'pk_northwind_write',
    unclaimedDemo: 'pk_unclaimed_demo',
  },
  /** OAuth users (Api-Version 2026-07-08), by id. */
  users: {
    monogramOwner: 'user-monogram-owner',
    monogramMember: 'user-monogram-member',
    allOrganizations: 'user-all-organizations',
    acmeOwner: 'user-acme-owner',
  },
  /** Their access tokens, fixed; `revoked` and `expired` are the owner's, refused with UNAUTHENTICATED. */
  tokens: {
    monogramOwner: 'oat_monogram_owner',
    monogramMember: 'oat_monogram_member',
    allOrganizations: 'oat_all_organizations',
    acmeOwner: 'oat_acme_owner',
    revoked: 'oat_monogram_owner_revoked',
    expired: 'oat_monogram_owner_expired',
  },
  unclaimedEmail: 'demo@example.com',
} as const
