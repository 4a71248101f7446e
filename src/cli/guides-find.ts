import { catalogLibrary, findCatalogGuide, loadCatalogQueries, openGuideCatalog, stepQueryIds } from '../guide/catalog.js';
import type { Library } from '../guide/load.js';
import { shippedGuideDir } from '../guide/paths.js';
import type { Resolution } from '../guide/resolve.js';

export { guideKeys } from '../guide/head-keys.js';

/**
 * Find one guide by rule id or name without parsing every guide of a large library: the catalog reads directory
 * indexes and file heads, and parses only the guide it picks and the queries that guide uses. `lib` holds what was
 * parsed on the way (on a miss without an index, that is the whole library), for the outline's query lookups.
 */
export async function findGuide(dirs: string[], wanted: string): Promise<{ resolution: Resolution; lib: Library }> {
  const catalog = await openGuideCatalog([...dirs, shippedGuideDir()]);
  const resolution = await findCatalogGuide(catalog, { ruleId: wanted, ruleName: wanted });
  if (resolution.ok) await loadCatalogQueries(catalog, stepQueryIds(resolution.guide.guide.steps));
  return { resolution, lib: catalogLibrary(catalog) };
}
