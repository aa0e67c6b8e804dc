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
  unclaimedEmail: 'demo@example.com',
} as const
