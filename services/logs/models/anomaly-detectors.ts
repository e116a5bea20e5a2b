/**
 * Log anomaly detectors: stored with their settings. The fake does not train
 * or detect: a detector stays in its first status (INITIALIZING, or PAUSED
 * when disabled) and ListAnomalies has nothing to show.
 */
export interface AnomalyDetector {
  anomalyDetectorArn: string;
  detectorName?: string;
  logGroupArnList: string[];
  evaluationFrequency?: string;
  filterPattern?: string;
  kmsKeyId?: string;
  anomalyVisibilityTime: number;
  anomalyDetectorStatus: string;
  creationTimeStamp: number;
  lastModifiedTimeStamp: number;
  tags: Map<string, string>;
}
