/** What the Firehose handlers share: context, the stream a request names. */
import type { RequestContext } from '../../../src/core/service';
import type { FirehoseBackend } from '../models/backend';

export type Ctx = RequestContext<FirehoseBackend>;
