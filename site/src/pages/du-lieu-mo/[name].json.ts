import type { APIContext, GetStaticPaths } from 'astro';
import { dataSetJson } from '../../lib/open-data';
import { openDataRelease, openDataRows, publishedDataSets } from '../../lib/open-data-rows';

/** `/du-lieu-mo/<name>.json` for every data set the release publishes (lib/open-data.ts). */
export const getStaticPaths = (async () => publishedDataSets(await openDataRows()).map(({ dataSet }) => ({ params: { name: dataSet.name } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const rows = await openDataRows();
  const found = publishedDataSets(rows).find(({ dataSet }) => dataSet.name === context.params.name);
  if (!found) return new Response(null, { status: 404 });
  const body = dataSetJson(found.dataSet, found.rows, await openDataRelease(rows), context.site ?? new URL('http://localhost:4321'));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
