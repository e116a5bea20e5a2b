/** Helpers for the execute-api tests. */

/** A response body parsed as JSON, loosely typed for assertions on event shapes. */
export async function json(res: Response): Promise<any> {
  return res.json();
}
