/** URL helpers shared by collectors. */

/**
 * Scheme and host (with port) of a webhook URL, nothing else: Slack, Discord and others put the
 * credential in the path, some receivers in the query or the user info.
 */
export function webhookOrigin(url: string | undefined | null): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#@]*@)?([^/?#@]*)/i.exec(url);
    return m ? `${m[1]}${m[2]}` : '(unparseable URL)';
  }
}
