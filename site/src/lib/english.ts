/** The unit in English for /en/, from the same settings as every Vietnamese page. */
import type { UnitType } from './content-model';
import type { Settings } from './schemas';

const UNIT_TYPES_EN: Record<UnitType, string> = {
  province: 'Province',
  centrally_run_city: 'City',
  ward: 'Ward',
  commune: 'Commune',
  special_zone: 'Special Zone',
  district: 'District',
  rural_district: 'District',
};

/** "Hai Bà Trưng Ward"; undefined when the unit's name is not set. */
export const unitNameEnglish = (settings: Settings): string | undefined =>
  settings.unitName ? (settings.unitType ? `${settings.unitName} ${UNIT_TYPES_EN[settings.unitType]}` : settings.unitName) : undefined;
