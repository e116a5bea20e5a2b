/** Logs Insights queries and saved query definitions, as the backend keeps them. */
export interface Query {
  queryId: string;
  queryString: string;
  logGroupNames: string[];
  createTime: number;
  status: 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled';
  results: Array<Array<{ field: string; value: string }>>;
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

export interface QueryDefinition {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  logGroupNames?: string[];
  lastModified: number;
}
