/** Links for contact details: a phone to call, an address to mail, a street address on a map. */

/** `tel:` with the digits only ("024 0000 1000" → tel:02400001000); a leading + is kept. */
export const telHref = (phone: string): string => `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;

export const mailtoHref = (email: string): string => `mailto:${email.trim()}`;

/** The address searched on OpenStreetMap: a plain link, no map script on our pages. */
export const addressMapHref = (address: string): string => `https://www.openstreetmap.org/search?query=${encodeURIComponent(address.trim())}`;
