/**
 * The unit as the site's texts name it, from site settings: no page names a kind of unit of
 * its own, so a renamed or reorganised unit changes the whole site by its settings alone.
 */
import { unitFullName } from './content-model';
import type { Settings } from './schemas';

/** "phường Hai Bà Trưng" in a sentence; the agency's or the portal's name when the unit's is not set. */
export const unitOf = (settings: Settings): string =>
  settings.unitName ? unitFullName(settings.unitType, settings.unitName) : (settings.agencyName ?? settings.portalName);

/** A page's description when it has none of its own: the site and whose it is. */
export const siteDescription = (settings: Settings): string =>
  settings.agencyName && settings.agencyName !== settings.portalName ? `${settings.portalName} – ${settings.agencyName}` : settings.portalName;

/** The agency the header and the publisher name: "Ủy ban nhân dân phường Hai Bà Trưng", else the portal. */
export const agencyOf = (settings: Settings): string => settings.agencyName ?? settings.portalName;
