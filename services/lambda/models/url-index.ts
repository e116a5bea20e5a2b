/**
 * Which account and region each function URL id belongs to. A request to
 * https://<url-id>.lambda-url.<region>.on.aws/ names neither its account nor
 * (in the server's path form) its region, and Lambda's URL ids are unique
 * across both. One index per mock (`backends.shared`, so snapshots carry it),
 * so two mocks in one process never see each other's URLs; entries whose function
 * or config is gone (deleted, reset) are checked against the backend on use.
 */
import type { BackendAccess } from '../../../src/core/service';

export interface UrlHome {
  account: string;
  region: string;
  functionName: string;
}

function indexOf(backends: BackendAccess): Map<string, UrlHome> {
  return backends.shared('lambda:url-index', () => new Map<string, UrlHome>());
}

export function registerUrl(backends: BackendAccess, urlId: string, home: UrlHome): void {
  indexOf(backends).set(urlId, home);
}

export function unregisterUrl(backends: BackendAccess, urlId: string): void {
  indexOf(backends).delete(urlId);
}

export function findUrlHome(backends: BackendAccess, urlId: string): UrlHome | undefined {
  return indexOf(backends).get(urlId);
}

/** The id part of a function URL (`https://<id>.lambda-url.<region>.on.aws/`). */
export function urlIdOf(url: string): string {
  return new URL(url).hostname.split('.')[0];
}
