/**
 * Alertmanager base URLs as OpsQuest compares them: scheme, host, port (when not the scheme's
 * default) and path, without a trailing slash, user info, query or fragment. A notification's
 * `externalURL` and the URLs an admin allowed on the key are compared in this form, so
 * `HTTP://AM:9093/` and `http://am:9093` are the same Alertmanager.
 */
export function normaliseAlertmanagerUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Whether the key allows OpsQuest to fetch from this Alertmanager (both sides normalised). */
export function isAllowedAlertmanager(externalUrl: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => normaliseAlertmanagerUrl(entry) === externalUrl);
}

/** The same origin (scheme, host and port): the only place a redirect of the fetch may lead. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
