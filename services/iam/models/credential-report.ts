/** The credential report: one CSV line per user (root first), columns as AWS documents them. */
import type { IamBackend } from './backend';

const COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

/** ISO 8601 with a +00:00 offset, as the report writes times. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function credentialReportCsv(b: IamBackend, accountCreated: number): string {
  const rows = [COLUMNS.join(',')];
  rows.push(
    [
      '<root_account>',
      b.arn('root'),
      iso(accountCreated),
      'not_supported',
      'no_information',
      'not_supported',
      'not_supported',
      'false',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
  );
  const users = [...b.users.values()].sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1));
  for (const u of users) {
    const keyCols = [0, 1].flatMap((i) => {
      const k = u.accessKeys[i];
      if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
      return [
        String(k.status === 'Active'),
        iso(k.created),
        k.lastUsed ? iso(k.lastUsed.date) : 'N/A',
        k.lastUsed?.region ?? 'N/A',
        k.lastUsed?.service ?? 'N/A',
      ];
    });
    const certCols = [0, 1].flatMap((i) => {
      const c = u.signingCerts[i];
      return c ? [String(c.status === 'Active'), iso(c.uploaded)] : ['false', 'N/A'];
    });
    const password = u.loginProfile;
    rows.push(
      [
        u.name,
        u.arn,
        iso(u.created),
        String(!!password),
        password ? (u.passwordLastUsed ? iso(u.passwordLastUsed) : 'no_information') : 'N/A',
        password ? iso(password.created) : 'N/A',
        password && b.passwordPolicy?.MaxPasswordAge ? iso(password.created + b.passwordPolicy.MaxPasswordAge * 86_400_000) : 'N/A',
        String(u.mfaSerials.size > 0),
        ...keyCols,
        ...certCols,
      ].join(','),
    );
  }
  return `${rows.join('\n')}`;
}
