import { createFaker, fakeAssets, fixture } from '../src/model/seed.js'
import type { Asset } from '../src/model/records.js'

/** What every bench request shares: the fixture org, its write key, the barcelona library. */
export const BIG_LIBRARY_SIZE = 100_000
export const apiHeaders = { Authorization: `Bearer ${fixture.keys.monogramWrite}`, 'Api-Version': '2026-05-20' }
export const assetsPath = `/organizations/${fixture.organizations.monogram}/libraries/barcelona/assets`
/** The list request of every comparison: the second page of 50, so no peer is measured on a trivial page 1. */
export const listQuery = '?page=2&pageSize=50'

/** 100,000 extra main assets for barcelona, from faker with a fixed seed (same on every run). */
export function bigLibrary(count = BIG_LIBRARY_SIZE): Asset[] {
  return fakeAssets(createFaker(7), {
    organizationId: fixture.organizations.monogram,
    libraryId: 'barcelona',
    count,
    uploaders: ['Bench'],
  })
}
