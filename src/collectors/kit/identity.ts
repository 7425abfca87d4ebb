/** Identity helpers shared by collectors. */

/** A short, stable name for an identity provider from its URL (okta, entra-id, ...), else its host. */
export function providerName(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    host = url.toLowerCase();
  }
  const known: [RegExp, string][] = [
    [/okta(preview)?\.com$|okta-emea\.com$/, 'okta'],
    [/microsoftonline\.com$|windows\.net$|microsoft\.com$/, 'entra-id'],
    [/onelogin\.com$/, 'onelogin'],
    [/google\.com$/, 'google'],
    [/pingidentity\.com$|pingone\.(com|eu|asia)$/, 'ping'],
    [/jumpcloud\.com$/, 'jumpcloud'],
    [/auth0\.com$/, 'auth0'],
  ];
  for (const [re, name] of known) if (re.test(host)) return name;
  return host;
}
