import { describe, expect, it } from 'vitest';
import { addressText, geoUri, osmPointUrl, osmSearchUrl, telHref } from './job-links';

describe('job links', () => {
  const address = { line: '12 Harbour Road, flat 3', city: 'Leeds', postcode: 'LS1 4AP', country: 'United Kingdom' };

  it('writes the address on one line, leaving out what is missing', () => {
    expect(addressText(address)).toBe('12 Harbour Road, flat 3, LS1 4AP Leeds, United Kingdom');
    expect(addressText({ line: '1 Mill Lane' })).toBe('1 Mill Lane');
    expect(addressText({ line: '1 Mill Lane', city: 'Bristol' })).toBe('1 Mill Lane, Bristol');
  });

  it('links a point as geo: and as an OpenStreetMap marker', () => {
    expect(geoUri({ lat: 53.7997, lon: -1.5492 })).toBe('geo:53.7997,-1.5492');
    expect(osmPointUrl({ lat: 53.7997, lon: -1.5492 })).toBe('https://www.openstreetmap.org/?mlat=53.7997&mlon=-1.5492#map=17/53.7997/-1.5492');
  });

  it('searches OpenStreetMap for an address without coordinates, encoded', () => {
    expect(osmSearchUrl({ line: '3 Queen’s Avenue & Co', city: 'Leeds' })).toBe('https://www.openstreetmap.org/search?query=3%20Queen%E2%80%99s%20Avenue%20%26%20Co%2C%20Leeds');
  });

  it('dials the digits with a leading plus only', () => {
    expect(telHref('+44 7700 900123')).toBe('tel:+447700900123');
    expect(telHref('(0113) 496-0000')).toBe('tel:01134960000');
  });
});
