/**
 * The kinds of administrative unit that run a portal since the 2025 reform (provinces and
 * centrally-run cities; wards, communes and special zones), plus the abolished district levels,
 * kept for history. Site settings hold the key; pages say the unit's name through
 * `unitFullName`, never a kind of their own.
 */
export const UNIT_TYPES = {
  province: { name: 'tỉnh', historical: false },
  centrally_run_city: { name: 'thành phố', historical: false },
  ward: { name: 'phường', historical: false },
  commune: { name: 'xã', historical: false },
  special_zone: { name: 'đặc khu', historical: false },
  district: { name: 'quận', historical: true },
  rural_district: { name: 'huyện', historical: true },
} as const;

export type UnitType = keyof typeof UNIT_TYPES;

export const UNIT_TYPE_KEYS = Object.keys(UNIT_TYPES) as [UnitType, ...UnitType[]];

/** "phường Hai Bà Trưng": the unit as a sentence names it; the bare name when its kind is not set. */
export const unitFullName = (unitType: UnitType | null | undefined, unitName: string): string =>
  unitType ? `${UNIT_TYPES[unitType].name} ${unitName}` : unitName;
