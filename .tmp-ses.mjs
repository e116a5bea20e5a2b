import { mockAws } from './dist/index.mjs';
import { SESClient, SendRawEmailCommand, VerifyDomainIdentityCommand } from '@aws-sdk/client-ses';
const aws = mockAws();
const ses = new SESClient({ region: 'us-east-1', maxAttempts: 1 });
const b = await aws.backends.sesv2(); b.autoVerify = true;
await ses.send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
const raw = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nhi\r\n';
for (let i = 0; i < Number(process.argv[2] ?? 0); i++) await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) }, Destinations: ['b@example.com'] }));
const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
try { await ses.send(new SendRawEmailCommand({ RawMessage: { Data: big } })); console.log('no error?'); } catch (e) { console.log(e.name, e.message.slice(0, 80)); if (e instanceof RangeError) console.log(e.stack.split('\n').slice(0, 12).join('\n')); }
aws.stop();
