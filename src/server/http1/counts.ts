/** Requests answered on the fast path and connections handed to node:http, process-wide: tests read them. */
export const fastPathCounts = { requests: 0, handovers: 0 };
