/** The cross-service event loop: see loop.ts and docs/architecture.md ("Events between services"). */
export { type EventLoop, eventLoop, type Task, type TaskFailure, type TaskHandle } from './loop';
