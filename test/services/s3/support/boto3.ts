/** Whether python3 with boto3 is on the machine (the tests that drive boto3 skip, with a message, without it). */
import { execFileSync } from 'node:child_process';

export function hasBoto3(): boolean {
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
