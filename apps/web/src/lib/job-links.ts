import type { WorkItemView } from '@opsquest/contracts';

type Address = NonNullable<WorkItemView['address']>;
type Location = NonNullable<WorkItemView['location']>;

/** The address on one line, as a search box or a screen reader wants it. */
export function addressText(address: Address): string {
  const town = [address.postcode, address.city].filter((part) => part !== undefined).join(' ');
  return [address.line, town, address.country].filter((part) => part !== undefined && part !== '').join(', ');
}

/** RFC 5870 geo: URI: the phone offers its map and navigation apps. */
export function geoUri(location: Location): string {
  return `geo:${location.lat},${location.lon}`;
}

/** OpenStreetMap with a marker at the point. */
export function osmPointUrl(location: Location): string {
  const { lat, lon } = location;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** OpenStreetMap's search for an address (when the work order brings no coordinates). */
export function osmSearchUrl(address: Address): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(addressText(address))}`;
}

/** A tel: link: the digits and a leading +, without the spaces, dots, dashes and brackets people write. */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phone.replace(/[^0-9]/g, '')}`;
}
