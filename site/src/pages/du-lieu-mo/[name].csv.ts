import type { APIContext, GetStaticPaths } from 'astro';
import { dataSetCsv } from '../../lib/open-data';
import { openDataRows, publishedDataSets } from '../../lib/open-data-rows';

/** `/du-lieu-mo/<name>.csv` for every data set the release publishes (lib/open-data.ts). */
export const getStaticPaths = (async () => publishedDataSets(await openDataRows()).map(({ dataSet }) => ({ params: { name: dataSet.name } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const found = publishedDataSets(await openDataRows()).find(({ dataSet }) => dataSet.name === context.params.name);
  if (!found) return new Response(null, { status: 404 });
  const body = dataSetCsv(found.dataSet, found.rows, context.site ?? new URL('http://localhost:4321'));
  return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
