/**
 * Which hosts are AWS, in any spelling a client may use: upper case, a
 * trailing root dot (`s3.amazonaws.com.`), IPv6 brackets, IPv4 in numeric
 * notations. The HTTP fallback answers them; the connection guard refuses
 * any socket to them.
 */

/** Hosts that are AWS: regional and global endpoints, China, dual-stack, Lambda URLs, Cognito hosted UI domains, IMDS, ECS metadata. */
const AWS_HOSTS = [
  /(^|\.)amazonaws\.com(\.cn)?$/,
  /(^|\.)api\.aws$/,
  /(^|\.)on\.aws$/,
  /(^|\.)amazoncognito\.com$/,
  /^169\.254\.169\.254$/,
  /^169\.254\.170\.2$/,
  /^fd00:ec2::(254|23)$/,
];

/**
 * A host name as DNS sees it: lower case, without IPv6 brackets and without
 * the root label's dot (`s3.amazonaws.com.` is the same host as
 * `s3.amazonaws.com`, and resolves to it).
 */
export function canonicalHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (host.includes(':') || !/^[0-9a-fx.]+$/.test(host)) return host;
  try {
    return new URL(`http://${host}`).hostname; // IPv4 in any notation (0xa9fea9fe, 2852039166) as dotted quads
  } catch {
    return host;
  }
}

export function isAwsHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  return AWS_HOSTS.some((pattern) => pattern.test(host));
}
